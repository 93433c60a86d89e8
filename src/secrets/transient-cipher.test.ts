import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { isSecretsError } from './errors.ts';
import { decryptJson, encryptJson } from './transient-cipher.ts';

const current = { kid: 'k2', key: randomBytes(32) };
const previous = { kid: 'k1', key: randomBytes(32) };
const invalid = (error: unknown) => isSecretsError(error, 'CIPHERTEXT_INVALID');

describe('transient cipher', () => {
  it('round-trips JSON values with a kid prefix and a fresh IV each time', () => {
    const value = { password: 'Secret123', nested: { list: [1, 'two', null] } };
    const sealed = encryptJson(value, current);
    assert.match(sealed, /^k2\.[A-Za-z0-9_-]+$/);
    assert.equal(sealed.includes('Secret123'), false);
    assert.notEqual(encryptJson(value, current), sealed);
    assert.deepStrictEqual(decryptJson(sealed, [current, previous]), value);
  });

  it('opens values sealed with an older key after rotation', () => {
    const sealed = encryptJson({ a: 1 }, previous);
    assert.deepStrictEqual(decryptJson(sealed, [current, previous]), { a: 1 });
    assert.throws(() => decryptJson(sealed, [current]), invalid);
  });

  it('rejects tampered ciphertext, a swapped kid and malformed text', () => {
    const sealed = encryptJson({ a: 1 }, current);
    const body = Buffer.from(sealed.slice(3), 'base64url');
    body[body.length - 20] = (body[body.length - 20] ?? 0) ^ 1;
    assert.throws(() => decryptJson(`k2.${body.toString('base64url')}`, [current]), invalid);
    const sameKeyOtherKid = { kid: 'k3', key: current.key };
    assert.throws(() => decryptJson(`k3.${sealed.slice(3)}`, [sameKeyOtherKid]), invalid, 'the kid is authenticated');
    for (const text of ['', 'k2', 'k2.', '.abc', 'k2.not base64!', 'k2.AAAA']) assert.throws(() => decryptJson(text, [current]), invalid, text);
  });

  it('refuses key ids that cannot prefix the text', () => {
    assert.throws(() => encryptJson({}, { kid: 'a.b', key: current.key }), invalid);
  });
});
