import assert from 'node:assert/strict';
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import bcrypt from 'bcryptjs';
import { parsePasswordHash } from './parse-password-hash.ts';
import { PUBLISHED_VECTORS } from './published-vectors.ts';
import { constantTimeEqual, verifyPasswordHash } from './verify-password-hash.ts';

async function verify(encoded: string, password: string): Promise<boolean> {
  const parsed = parsePasswordHash(encoded);
  assert.ok(parsed !== undefined, `parses ${encoded}`);
  return verifyPasswordHash(parsed, password, argon2Verify);
}

/** passlib's adapted base64: no padding, `.` for `+`. */
const ab64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '').replaceAll('+', '.');

describe('verifying password hashes', () => {
  for (const vector of PUBLISHED_VECTORS) {
    it(`published vector: ${vector.source}`, async () => {
      assert.equal(await verify(vector.encoded, vector.password), true);
      assert.equal(await verify(vector.encoded, `${vector.password}x`), false);
      assert.equal(await verify(vector.encoded, vector.password.slice(0, -1)), false);
    });
  }

  it('PBKDF2 in every encoding, computed with node:crypto (UTF-8 passwords)', async () => {
    const password = 'Pässwörd-1 ✓';
    const salt = randomBytes(16);
    const rounds = 1000;
    const key = (digest: string, bytes: number) => pbkdf2Sync(Buffer.from(password, 'utf8'), salt, rounds, bytes, digest);
    const text = 'NaClSalt42';
    const encodings = [
      `$pbkdf2$${rounds}$${ab64(salt)}$${ab64(key('sha1', 20))}`,
      `$pbkdf2-sha256$${rounds}$${ab64(salt)}$${ab64(key('sha256', 32))}`,
      `$pbkdf2-sha512$${rounds}$${ab64(salt)}$${ab64(key('sha512', 64))}`,
      `{PBKDF2}${rounds}$${ab64(salt)}$${ab64(key('sha1', 20))}`,
      `{PBKDF2-SHA512}${rounds}$${ab64(salt)}$${ab64(key('sha512', 64))}`,
      `pbkdf2_sha256$${rounds}$${text}$${pbkdf2Sync(password, text, rounds, 32, 'sha256').toString('base64')}`,
      `pbkdf2_sha1$${rounds}$${text}$${pbkdf2Sync(password, text, rounds, 20, 'sha1').toString('base64')}`,
      `{PBKDF2}${rounds}:${Buffer.concat([key('sha1', 20), salt]).toString('base64')}`,
      `{PBKDF2-HMAC-SHA256}${rounds}:${Buffer.concat([key('sha256', 32), salt]).toString('base64')}`,
      `{pbkdf2-hmac-sha512}${rounds}:${Buffer.concat([key('sha512', 64), salt]).toString('base64')}`,
      `{PKCS5S2}${Buffer.concat([salt, pbkdf2Sync(password, salt, 10_000, 32, 'sha1')]).toString('base64')}`,
    ];
    for (const encoded of encodings) {
      assert.equal(await verify(encoded, password), true, encoded);
      assert.equal(await verify(encoded, 'Pässwörd-1 ✗'), false, encoded);
    }
  });

  it('bcrypt $2a$, $2b$ and $2y$, bare, {BCRYPT} and Django bcrypt$, computed with bcryptjs', async () => {
    const salt = bcrypt.genSaltSync(4).slice(7);
    for (const prefix of ['$2a$04$', '$2b$04$', '$2y$04$']) {
      const crypt = bcrypt.hashSync('Correct horse 1', `${prefix}${salt}`);
      assert.ok(crypt.startsWith(prefix));
      for (const encoded of [crypt, `{BCRYPT}${crypt}`, `bcrypt$${crypt}`]) {
        assert.equal(await verify(encoded, 'Correct horse 1'), true, encoded);
        assert.equal(await verify(encoded, 'Correct horse 2'), false, encoded);
      }
    }
  });

  it('argon2id, argon2i and argon2d with any parameters', async () => {
    for (const algorithm of [0, 1, 2] as const) {
      const encoded = await argon2Hash('Secret123', { algorithm, memoryCost: 64, timeCost: 3, parallelism: 2, outputLen: 24 });
      assert.equal(await verify(encoded, 'Secret123'), true, encoded);
      assert.equal(await verify(encoded, 'Secret124'), false, encoded);
    }
  });

  it('a primitive that throws counts as a mismatch', async () => {
    const parsed = parsePasswordHash('$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc');
    assert.ok(parsed);
    assert.equal(await verifyPasswordHash(parsed, 'password', async () => Promise.reject(new Error('boom'))), false);
  });

  it('compares byte strings in constant time, unequal lengths included', () => {
    assert.equal(constantTimeEqual(Buffer.from('abc'), Buffer.from('abc')), true);
    assert.equal(constantTimeEqual(Buffer.from('abc'), Buffer.from('abd')), false);
    assert.equal(constantTimeEqual(Buffer.from('abc'), Buffer.from('abcd')), false);
  });
});
