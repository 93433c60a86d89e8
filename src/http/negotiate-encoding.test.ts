/** Which coding an answer gets from the request's `Accept-Encoding`: the client's q-values decide. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_ACCEPT_ENCODING, negotiateEncoding } from './negotiate-encoding.ts';

describe('negotiateEncoding', () => {
  it('answers Brotli to browsers, which accept it beside gzip', () => {
    assert.equal(negotiateEncoding('gzip, deflate, br, zstd'), 'br');
    assert.equal(negotiateEncoding('br'), 'br');
    assert.equal(negotiateEncoding('BR;Q=1'), 'br');
  });

  it('answers gzip to a client that accepts gzip but not Brotli', () => {
    assert.equal(negotiateEncoding('gzip'), 'gzip');
    assert.equal(negotiateEncoding('deflate, gzip;q=0.8'), 'gzip');
    assert.equal(negotiateEncoding('br;q=0, *'), 'gzip');
  });

  it('answers identity without a header, with an empty one, or one naming neither coding', () => {
    assert.equal(negotiateEncoding(undefined), 'identity');
    assert.equal(negotiateEncoding(''), 'identity');
    assert.equal(negotiateEncoding('identity'), 'identity');
    assert.equal(negotiateEncoding('deflate, zstd'), 'identity');
  });

  it('follows the q-values: the highest wins, q=0 refuses', () => {
    assert.equal(negotiateEncoding('br;q=0.5, gzip;q=0.9'), 'gzip');
    assert.equal(negotiateEncoding('br;q=0, gzip;q=0'), 'identity');
    assert.equal(negotiateEncoding('gzip;q=0.5, identity'), 'identity');
    assert.equal(negotiateEncoding('gzip;q=0.5, identity;q=0.2'), 'gzip');
    assert.equal(negotiateEncoding('*;q=0.3, identity;q=0.1'), 'br');
  });

  it('answers identity when every coding is refused (better than no page)', () => {
    assert.equal(negotiateEncoding('*;q=0'), 'identity');
    assert.equal(negotiateEncoding('identity;q=0, br;q=0, gzip;q=0'), 'identity');
  });

  it('ignores an entry with a malformed q-value, and a header too long to be honest', () => {
    assert.equal(negotiateEncoding('br;q=2, gzip'), 'gzip');
    assert.equal(negotiateEncoding('br;q=abc'), 'identity');
    assert.equal(negotiateEncoding('br;q=0.5000'), 'identity');
    assert.equal(negotiateEncoding(`br, ${'x'.repeat(MAX_ACCEPT_ENCODING)}`), 'identity');
  });
});
