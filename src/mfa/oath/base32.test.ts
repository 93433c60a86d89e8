import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeBase32, encodeBase32 } from './base32.ts';

// RFC 4648 §10 test vectors.
const VECTORS: [string, string][] = [
  ['', ''],
  ['f', 'MY======'],
  ['fo', 'MZXQ===='],
  ['foo', 'MZXW6==='],
  ['foob', 'MZXW6YQ='],
  ['fooba', 'MZXW6YTB'],
  ['foobar', 'MZXW6YTBOI======'],
];

describe('base32', () => {
  it("encodes RFC 4648's vectors, with padding when asked and without by default (as in otpauth URIs)", () => {
    for (const [plain, encoded] of VECTORS) {
      assert.equal(encodeBase32(Buffer.from(plain), { padding: true }), encoded);
      assert.equal(encodeBase32(Buffer.from(plain)), encoded.replace(/=+$/, ''));
    }
  });

  it('decodes with or without padding, in either case, and round-trips random secrets', () => {
    for (const [plain, encoded] of VECTORS) {
      assert.equal(decodeBase32(encoded).toString(), plain);
      assert.equal(decodeBase32(encoded.replace(/=+$/, '').toLowerCase()).toString(), plain);
    }
    for (let length = 0; length < 40; length += 1) {
      const bytes = Buffer.from(Array.from({ length }, (_, index) => (index * 37 + length) & 0xff));
      assert.deepEqual(decodeBase32(encodeBase32(bytes)), bytes);
    }
  });

  it('refuses characters outside the alphabet, impossible lengths and oversized text', () => {
    for (const bad of ['MZXW1', 'MZ XW', 'M', 'MZX', 'MZXW6Y', 'A'.repeat(3000)]) {
      assert.throws(() => decodeBase32(bad), { code: 'OATH_BASE32_INVALID' }, bad.slice(0, 10));
    }
  });
});
