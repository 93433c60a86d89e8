/**
 * The wire form of an invalidation: every kind a cache keeps (realm keys included) and `all` go
 * out and come back as they were; a message of an unknown kind, or of any other shape, is refused.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CACHE_KINDS, EVERY_KEY } from './cache-invalidation.ts';
import { decodeInvalidation, encodeInvalidation, MAX_INVALIDATION_PAYLOAD } from './invalidation-message.ts';

describe('invalidation messages', () => {
  it('carries each kind a cache keeps, realm keys included, and `all`', () => {
    assert.ok(CACHE_KINDS.includes('keys'));
    for (const kind of CACHE_KINDS) {
      for (const key of ['alpha', EVERY_KEY]) {
        const payload = encodeInvalidation({ origin: 'node-1', kind, key });
        assert.ok(payload !== undefined);
        assert.deepEqual(decodeInvalidation(payload), { origin: 'node-1', kind, key });
      }
    }
    assert.deepEqual(decodeInvalidation(encodeInvalidation({ origin: 'node-1', all: true }) ?? ''), { origin: 'node-1', all: true });
  });

  it('refuses unknown kinds and other shapes', () => {
    for (const payload of [
      '{"o":"x","k":"key","key":"alpha"}',
      '{"o":"x","k":"KEYS","key":"alpha"}',
      '{"o":"x","k":"users","key":"alpha"}',
      '{"o":"x","k":["keys"],"key":"alpha"}',
      '{"o":"x","k":"keys","key":5}',
      '{"o":"x","k":"keys"}',
      '{"k":"keys","key":"alpha"}',
      '{"o":"","k":"keys","key":"alpha"}',
      '{"o":"x","all":1}',
      '["keys","alpha"]',
      'keys alpha',
      `{"o":"x","k":"keys","key":"${'a'.repeat(MAX_INVALIDATION_PAYLOAD)}"}`,
    ]) {
      assert.equal(decodeInvalidation(payload), undefined, payload.slice(0, 60));
    }
  });

  it('reads only own properties', () => {
    assert.equal(decodeInvalidation('{"__proto__":{"o":"x","k":"keys","key":"alpha"}}'), undefined);
  });
});
