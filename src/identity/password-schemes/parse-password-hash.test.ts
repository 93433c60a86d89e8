import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describePasswordHash, parsePasswordHash } from './parse-password-hash.ts';
import { PUBLISHED_VECTORS } from './published-vectors.ts';

const SALT16 = 'c29tZXNhbHRzb21lc2FsdA';
const HASH32 = 'CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc';
const CRYPT_TAIL = 'CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW';

describe('recognizing password hashes', () => {
  it('recognizes every published vector, naming scheme and encoding', () => {
    const described = PUBLISHED_VECTORS.map((vector) => {
      const parsed = parsePasswordHash(vector.encoded);
      assert.ok(parsed, vector.encoded);
      return describePasswordHash(parsed);
    });
    assert.deepEqual(described, [
      'argon2i (phc)',
      'argon2id (phc)',
      'argon2i (django)',
      'argon2i (django)',
      'bcrypt (modular-crypt)',
      'bcrypt (modular-crypt)',
      'bcrypt (forgerock-ds)',
      'bcrypt (forgerock-ds)',
      'pbkdf2-sha1 (passlib)',
      'pbkdf2-sha256 (passlib)',
      'pbkdf2-sha512 (passlib)',
      'pbkdf2-sha256 (passlib-ldap)',
      'pbkdf2-sha256 (django)',
      'pbkdf2-sha1 (django)',
      'pbkdf2-sha1 (django)',
      'pbkdf2-sha256 (forgerock-ds)',
      'pbkdf2-sha1 (atlassian)',
    ]);
  });

  it('reads the argon2 parameters and the version (0x10 without v=)', () => {
    assert.deepEqual(parsePasswordHash(`$argon2id$v=19$m=19456,t=2,p=1$${SALT16}$${HASH32}`), {
      scheme: 'argon2',
      format: 'phc',
      variant: 'argon2id',
      version: 19,
      memoryCost: 19456,
      timeCost: 2,
      parallelism: 1,
      outputBytes: 32,
      phc: `$argon2id$v=19$m=19456,t=2,p=1$${SALT16}$${HASH32}`,
    });
    assert.equal(parsePasswordHash(`$argon2i$m=4096,t=3,p=1$${SALT16}$${HASH32}`)?.scheme, 'argon2');
    const old = parsePasswordHash(`$argon2i$m=4096,t=3,p=1$${SALT16}$${HASH32}`);
    assert.equal(old?.scheme === 'argon2' ? old.version : undefined, 16);
  });

  it('reads PBKDF2 salts and keys: ForgeRock DS puts the key first, PKCS5S2 the salt first', () => {
    const key = Buffer.alloc(32, 1);
    const salt = Buffer.alloc(8, 2);
    const forgerock = parsePasswordHash(`{PBKDF2-HMAC-SHA256}5000:${Buffer.concat([key, salt]).toString('base64')}`);
    assert.ok(forgerock?.scheme === 'pbkdf2');
    assert.deepEqual([forgerock.digest, forgerock.iterations, forgerock.hash, forgerock.salt], ['sha256', 5000, key, salt]);
    const pkcs = parsePasswordHash(`{PKCS5S2}${Buffer.concat([Buffer.alloc(16, 3), key]).toString('base64')}`);
    assert.ok(pkcs?.scheme === 'pbkdf2');
    assert.deepEqual([pkcs.digest, pkcs.iterations, pkcs.salt, pkcs.hash], ['sha1', 10_000, Buffer.alloc(16, 3), key]);
  });

  it('refuses unknown formats', () => {
    for (const encoded of ['', 'Secret123', '{SSHA}abc', '{SSHA512}W6ph5Mm5Pz8GgiULbPgzG37mj9g=', '5f4dcc3b5aa765d61d8327deb882cf99', '$1$saltsalt$qjXMvbEw8oaL.CzflDugX/', '$6$rounds=5000$salt$abc', `$scrypt$ln=16,r=8,p=1$${SALT16}$${HASH32}`, 'x'.repeat(600)]) {
      assert.equal(parsePasswordHash(encoded), undefined, encoded);
    }
  });

  it('refuses malformed hashes of known schemes', () => {
    for (const encoded of [
      `$argon2id$v=19$m=19456,t=2$${SALT16}$${HASH32}`,
      `$argon2id$v=18$m=19456,t=2,p=1$${SALT16}$${HASH32}`,
      `$argon2id$v=19$m=19456,t=2,p=1$${SALT16}$${HASH32}=`,
      `$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$${HASH32}`,
      `$argon2id$v=19$m=19456,t=2,p=1$${SALT16}$c2hvcnQ`,
      `$argon2id$v=19$m=4,t=2,p=1$${SALT16}$${HASH32}`,
      `$2a$05$${CRYPT_TAIL}x`,
      `$2x$05$${CRYPT_TAIL}`,
      `$2a$5$${CRYPT_TAIL}`,
      `$2a$03$${CRYPT_TAIL}`,
      `$2a$05$${CRYPT_TAIL.replace('E', '!')}`,
      '$pbkdf2-sha256$01212$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ',
      '$pbkdf2-sha256$$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ',
      '$pbkdf2-sha256$1212$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ$',
      '$pbkdf2-sha256$1212$4vjV83LKPjQzk31VI4E0Vw$hsYF68Oi',
      '$pbkdf2-sha384$1212$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ',
      'pbkdf2_sha256$390000$seasalt$8xBlGd3jVgvJ+92hWPxi5ww0uuAuAnKgC45eudxro7c==',
      'pbkdf2_sha256$390000$$8xBlGd3jVgvJ+92hWPxi5ww0uuAuAnKgC45eudxro7c=',
      'pbkdf2_sha256$0$seasalt$8xBlGd3jVgvJ+92hWPxi5ww0uuAuAnKgC45eudxro7c=',
      '{PBKDF2-HMAC-SHA256}10000:xKsMmlzVLRYdYzcgBuD3ZIAeSj8tNhjDHGFDqhth8Kc=',
      '{PBKDF2-HMAC-SHA256}10000xKsMmlzVLRYdYzcgBuD3ZIAeSj8tNhjDHGFDqhth8Kcbw5qjL5UZxaiS2awL1HjO',
      '{PKCS5S2}c4xaeTQM0lUieMS3V5voiexyX9XhqC2dBd5ecVy60IPksHChwoTAVYFrhsgoq8/',
    ]) {
      assert.equal(parsePasswordHash(encoded), undefined, encoded);
    }
  });

  it('refuses costs past the limits (argon2 64 MiB and t=10, bcrypt 14, PBKDF2 10^7), so one imported hash cannot stall sign-ins', () => {
    assert.equal(parsePasswordHash(`$argon2id$v=19$m=1048576,t=8,p=1$${SALT16}$${HASH32}`), undefined, '1 GiB, t=8');
    assert.equal(parsePasswordHash(`$argon2id$v=19$m=65537,t=2,p=1$${SALT16}$${HASH32}`), undefined);
    assert.ok(parsePasswordHash(`$argon2id$v=19$m=65536,t=10,p=1$${SALT16}$${HASH32}`));
    assert.equal(parsePasswordHash(`$argon2id$v=19$m=19456,t=11,p=1$${SALT16}$${HASH32}`), undefined);
    assert.equal(parsePasswordHash(`$2b$15$${CRYPT_TAIL}`), undefined);
    assert.ok(parsePasswordHash(`$2b$14$${CRYPT_TAIL}`));
    assert.equal(parsePasswordHash('pbkdf2_sha256$20000000$seasalt$8xBlGd3jVgvJ+92hWPxi5ww0uuAuAnKgC45eudxro7c='), undefined);
    assert.ok(parsePasswordHash('pbkdf2_sha256$1000000$seasalt$8xBlGd3jVgvJ+92hWPxi5ww0uuAuAnKgC45eudxro7c='));
  });
});
