import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hash as argon2Hash, parseOptions, verify as argon2Verify } from '@node-rs/argon2';
import { isIdentityError } from './errors.ts';
import type { Argon2Primitives, PasswordHashParameters } from './password-hasher.ts';
import { createPasswordHasher, MAX_PASSWORD_BYTES, OWASP_ARGON2ID } from './password-hasher.ts';
import { PUBLISHED_VECTORS } from './password-schemes/published-vectors.ts';
import { FAST_ARGON2 } from './testing/identity-fixture.ts';

/** Real argon2 behind a counter of calls. */
function countingPrimitives(): Argon2Primitives & { hashes: number; verifies: string[] } {
  const counting = {
    hashes: 0,
    verifies: [] as string[],
    async hash(password: string, options: PasswordHashParameters) {
      counting.hashes++;
      return argon2Hash(password, { ...options, outputLen: 32 });
    },
    async verify(storedHash: string, password: string) {
      counting.verifies.push(storedHash);
      return argon2Verify(storedHash, password);
    },
  };
  return counting;
}

describe('password hasher', () => {
  it("defaults to OWASP's argon2id parameters (19 MiB, t=2, p=1)", async () => {
    assert.deepStrictEqual({ ...OWASP_ARGON2ID }, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
    const hasher = createPasswordHasher();
    assert.deepStrictEqual(hasher.parameters, OWASP_ARGON2ID);
    const hash = await hasher.hash('Secret123');
    assert.match(hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('hashes with a random salt and verifies the right password only', async () => {
    const hasher = createPasswordHasher(FAST_ARGON2);
    const [a, b] = [await hasher.hash('Secret123'), await hasher.hash('Secret123')];
    assert.notEqual(a, b);
    assert.deepStrictEqual(await hasher.verify(a, 'Secret123'), { ok: true, needsRehash: false });
    assert.deepStrictEqual(await hasher.verify(a, 'secret123'), { ok: false, needsRehash: false });
    assert.equal(parseOptions(a).memoryCost, FAST_ARGON2.memoryCost);
  });

  it('asks for a rehash when the stored parameters differ from the configured ones', async () => {
    const old = await createPasswordHasher(FAST_ARGON2).hash('Secret123');
    const stronger = createPasswordHasher({ ...FAST_ARGON2, timeCost: 2 });
    assert.deepStrictEqual(await stronger.verify(old, 'Secret123'), { ok: true, needsRehash: true });
    assert.deepStrictEqual(await stronger.verify(old, 'wrong'), { ok: false, needsRehash: false });
    const fresh = await stronger.hash('Secret123');
    assert.deepStrictEqual(await stronger.verify(fresh, 'Secret123'), { ok: true, needsRehash: false });
  });

  it('refuses passwords over 256 UTF-8 bytes before hashing, and fails them in verify without hashing', async () => {
    const primitives = countingPrimitives();
    const hasher = createPasswordHasher(FAST_ARGON2, primitives);
    const stored = await hasher.hash('Secret123');
    const longest = 'é'.repeat(MAX_PASSWORD_BYTES / 2);
    assert.equal(typeof (await hasher.hash(longest)), 'string', '256 bytes are fine');
    primitives.hashes = 0;
    await assert.rejects(hasher.hash(`${longest}x`), (error) => isIdentityError(error, 'PASSWORD_TOO_LONG'));
    assert.deepStrictEqual(await hasher.verify(stored, `${longest}x`), { ok: false, needsRehash: false });
    await hasher.dummyVerify(`${longest}x`);
    assert.equal(primitives.hashes, 0);
    assert.equal(primitives.verifies.length, 0);
  });

  it('dummy verification runs one real verification with the configured parameters', async () => {
    const primitives = countingPrimitives();
    const hasher = createPasswordHasher(FAST_ARGON2, primitives);
    await hasher.dummyVerify('Secret123');
    await hasher.dummyVerify('Other456');
    assert.equal(primitives.verifies.length, 2);
    assert.equal(primitives.hashes, 1, 'the stand-in hash is made once');
    for (const used of primitives.verifies) {
      const { memoryCost, timeCost, parallelism, algorithm } = parseOptions(used);
      assert.deepStrictEqual({ memoryCost, timeCost, parallelism, algorithm }, { ...FAST_ARGON2, algorithm: 2 });
    }
  });

  it('fails an unreadable stored hash at the cost of one dummy verification', async () => {
    const primitives = countingPrimitives();
    const hasher = createPasswordHasher(FAST_ARGON2, primitives);
    for (const unreadable of ['{SSHA}abc', '', 'Secret123', '$argon2id$v=19$m=256,t=1,p=1$broken']) {
      primitives.verifies.length = 0;
      assert.deepStrictEqual(await hasher.verify(unreadable, 'Secret123'), { ok: false, needsRehash: false });
      assert.equal(primitives.verifies.length, 1, 'the dummy verification');
      assert.equal(parseOptions(primitives.verifies[0] ?? '').memoryCost, FAST_ARGON2.memoryCost);
    }
  });

  it('verifies imported bcrypt and PBKDF2 hashes and asks to rehash them on success only', async () => {
    const hasher = createPasswordHasher(FAST_ARGON2);
    const fast = PUBLISHED_VECTORS.filter((vector) => !/^\$argon2|^argon2|\$390000\$/.test(vector.encoded));
    assert.ok(fast.length >= 8);
    for (const vector of fast) {
      assert.deepStrictEqual(await hasher.verify(vector.encoded, vector.password), { ok: true, needsRehash: true }, vector.source);
      assert.deepStrictEqual(await hasher.verify(vector.encoded, `${vector.password}!`), { ok: false, needsRehash: false }, vector.source);
    }
  });

  it('asks to rehash argon2 hashes of another variant, version, output length or encoding', async () => {
    const hasher = createPasswordHasher(FAST_ARGON2);
    const outdated = [
      await argon2Hash('Secret123', { ...FAST_ARGON2, algorithm: 1, outputLen: 32 }),
      await argon2Hash('Secret123', { ...FAST_ARGON2, algorithm: 0, outputLen: 32 }),
      await argon2Hash('Secret123', { ...FAST_ARGON2, algorithm: 2, outputLen: 16 }),
      await argon2Hash('Secret123', { ...FAST_ARGON2, algorithm: 2, outputLen: 32, version: 0 }),
      `argon2${await hasher.hash('Secret123')}`,
    ];
    for (const stored of outdated) {
      assert.deepStrictEqual(await hasher.verify(stored, 'Secret123'), { ok: true, needsRehash: true }, stored);
      assert.deepStrictEqual(await hasher.verify(stored, 'Secret124'), { ok: false, needsRehash: false }, stored);
    }
    assert.deepStrictEqual(await hasher.verify(await hasher.hash('Secret123'), 'Secret123'), { ok: true, needsRehash: false });
  });
});
