/**
 * Asymmetric realm keys over the memory store: generated and imported keys published with their
 * certificates and nothing private; rotation keeps the replaced key published (and decrypting)
 * until its time, then drops it; an existing key is kept unless replacing is asked; another
 * process sees a rotation within the listing time, or at once when it is announced (a `keys`
 * invalidation of the realm, or of every realm); racing processes agree on one active key; a
 * wrong master key does not open them.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { generate } from 'selfsigned';
import { createCacheInvalidation, EVERY_KEY } from '../cache/cache-invalidation.ts';
import { openMemoryStore } from '../store/memory/open-memory-store.ts';
import type { Store } from '../store/store.ts';
import { generateKeyPairMaterial } from './generate-key-pair-material.ts';
import { readPemKeyPair } from './key-pair-material.ts';
import { createRealmKeyPairs, DEFAULT_RETIRE_AFTER_MS, type RealmKeyPairs } from './realm-key-pairs.ts';
import { LISTING_TTL_MS } from './realm-keys.ts';
import type { KeyPairType, KeyPairUse } from './rp-key-algorithms.ts';

const HOUR = 3_600_000;

function setUp(store: Store = openMemoryStore(), masterKey: Uint8Array = randomBytes(32), invalidation = createCacheInvalidation()) {
  let now = 1_800_000_000_000;
  const clock = { now: () => now, advance: (ms: number) => void (now += ms) };
  return { store, masterKey, clock, invalidation, keyPairs: createRealmKeyPairs({ keys: store.keys, masterKey, clock, invalidation }) };
}

async function material(type: KeyPairType, use: KeyPairUse, now: number) {
  return generateKeyPairMaterial({ type, use, commonName: `test ${use}`, now });
}

async function generated(keyPairs: RealmKeyPairs, realm: string, use: KeyPairUse, now: number, options: { type?: KeyPairType; alg?: string; replace?: boolean } = {}) {
  const result = await keyPairs.install(realm, { use, material: await material(options.type ?? 'RSA', use, now), replace: options.replace ?? false, ...(options.alg === undefined ? {} : { alg: options.alg }) });
  assert.equal(result.outcome, 'installed');
  assert.ok(result.key !== undefined);
  return result.key;
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

describe('realm key pairs', () => {
  it('publishes the signing and encryption keys with kid, use, alg, kty and the certificate, never a private member', async () => {
    const { keyPairs, clock } = setUp();
    const sig = await generated(keyPairs, 'alpha', 'sig', clock.now());
    clock.advance(1);
    const enc = await generated(keyPairs, 'alpha', 'enc', clock.now());
    clock.advance(1);
    const es = await generated(keyPairs, 'alpha', 'sig', clock.now(), { type: 'EC' });
    const { keys } = await keyPairs.publicJwkSet('alpha');
    assert.deepEqual(
      keys.map((jwk) => [jwk.kid, jwk.use, jwk.alg, jwk.kty]),
      [
        [sig.kid, 'sig', 'RS256', 'RSA'],
        [enc.kid, 'enc', 'RSA-OAEP', 'RSA'],
        [es.kid, 'sig', 'ES256', 'EC'],
      ],
    );
    for (const jwk of keys) {
      for (const member of PRIVATE_MEMBERS) assert.equal(member in jwk, false, `${jwk.kid} has no ${member}`);
      assert.equal(jwk.x5c?.length, 1);
      assert.match(jwk.x5t ?? '', /^[A-Za-z0-9_-]{27}$/);
      assert.match(jwk['x5t#S256'] ?? '', /^[A-Za-z0-9_-]{43}$/);
    }
    assert.deepEqual(await keyPairs.publicJwkSet('beta'), { keys: [] });
  });

  it('keeps an existing active key unless replacing is asked, and refuses a key the realm holds already', async () => {
    const { keyPairs, clock } = setUp();
    const first = await generated(keyPairs, 'alpha', 'sig', clock.now());
    const again = await keyPairs.install('alpha', { use: 'sig', material: await material('RSA', 'sig', clock.now()), replace: false });
    assert.deepEqual([again.outcome, again.key?.kid], ['exists', first.kid]);
    // Another algorithm is another series: it is added next to the first.
    await generated(keyPairs, 'alpha', 'sig', clock.now(), { alg: 'PS256' });
    assert.equal((await keyPairs.inUse('alpha')).length, 2);
    const pem = await generate([{ name: 'commonName', value: 'imported' }], { keyType: 'rsa', keySize: 2048, algorithm: 'sha256' });
    const imported = readPemKeyPair(pem.private, pem.cert, clock.now()).material;
    await keyPairs.install('alpha', { use: 'enc', material: imported, replace: true });
    await assert.rejects(keyPairs.install('alpha', { use: 'sig', material: imported, replace: true }), { code: 'KEY_EXISTS', message: /^realm alpha holds this key already \(kid [\w-]+, enc RSA-OAEP, active\): use a new key$/ });
    await assert.rejects(keyPairs.install('alpha', { use: 'enc', material: imported, replace: false, alg: 'RSA-OAEP-256' }), { code: 'KEY_EXISTS' });
    const ec = await material('EC', 'enc', clock.now());
    await assert.rejects(keyPairs.install('alpha', { use: 'enc', material: ec, replace: false, alg: 'RSA-OAEP' }), { code: 'ALGORITHM_UNSUPPORTED', message: 'RSA-OAEP needs an RSA key, not an EC one' });
    await assert.rejects(keyPairs.install('alpha', { use: 'sig', material: ec, replace: false, alg: 'HS256' }), { code: 'ALGORITHM_UNSUPPORTED', message: /^HS256 is not a signing algorithm Arbor offers/ });
  });

  it('rotates: the new key is active, the old one retired and published until retireAfter, then gone', async () => {
    const { keyPairs, clock } = setUp();
    const old = await generated(keyPairs, 'alpha', 'enc', clock.now());
    const oldPrivate = keyPairs.privateKey(old);
    clock.advance(HOUR);
    const rotated = await keyPairs.rotate('alpha', 'rp.enc', 'RSA-OAEP');
    assert.equal(rotated.outcome, 'installed');
    assert.ok(rotated.outcome === 'installed' && rotated.replaced !== undefined);
    assert.equal(rotated.replaced.kid, old.kid);
    assert.equal(rotated.replaced.publishedUntil, clock.now() + DEFAULT_RETIRE_AFTER_MS);
    assert.equal(rotated.key.alg, 'RSA-OAEP');
    assert.equal(keyPairs.privateKey(rotated.key).asymmetricKeyDetails?.modulusLength, 2048);
    assert.ok(rotated.key.certificate?.selfSigned);
    assert.deepEqual(
      (await keyPairs.inUse('alpha')).map((key) => [key.kid, key.status]),
      [
        [old.kid, 'retired'],
        [rotated.key.kid, 'active'],
      ],
    );
    assert.deepEqual((await keyPairs.publicJwkSet('alpha')).keys.map((jwk) => jwk.kid), [old.kid, rotated.key.kid]);
    const retired = (await keyPairs.inUse('alpha')).find((key) => key.kid === old.kid);
    assert.ok(retired !== undefined);
    assert.equal(keyPairs.privateKey(retired), oldPrivate, 'the retired key still decrypts (decrypted once)');
    clock.advance(DEFAULT_RETIRE_AFTER_MS);
    assert.deepEqual((await keyPairs.publicJwkSet('alpha')).keys.map((jwk) => jwk.kid), [rotated.key.kid]);
    await assert.rejects(keyPairs.rotate('alpha', 'rp.sig', 'RS256'), { code: 'KEY_MISSING' });
  });

  it('a rotation by another process is seen within the listing time; racing processes agree on one active key', async () => {
    const store = openMemoryStore();
    const masterKey = randomBytes(32);
    const one = setUp(store, masterKey);
    const two = setUp(store, masterKey);
    const first = await generated(one.keyPairs, 'alpha', 'sig', one.clock.now());
    assert.deepEqual((await two.keyPairs.inUse('alpha')).map((key) => key.kid), [first.kid]);
    const rotated = await one.keyPairs.rotate('alpha', 'rp.sig', 'RS256', 0);
    assert.equal(rotated.outcome, 'installed');
    assert.deepEqual((await two.keyPairs.inUse('alpha')).map((key) => key.kid), [first.kid], 'process two still has its listing');
    two.clock.advance(LISTING_TTL_MS);
    assert.deepEqual((await two.keyPairs.inUse('alpha')).map((key) => key.kid), [rotated.key?.kid], 'retired with retireAfter 0: gone at once');

    const [a, b] = await Promise.all([one.keyPairs.install('beta', { use: 'enc', material: await material('EC', 'enc', one.clock.now()), replace: false }), two.keyPairs.install('beta', { use: 'enc', material: await material('EC', 'enc', one.clock.now()), replace: false })]);
    const outcomes = [a.outcome, b.outcome].sort();
    assert.ok(outcomes[0] === 'exists' || outcomes[0] === 'installed');
    assert.equal(outcomes.filter((outcome) => outcome === 'installed').length, 1);
    assert.equal(a.key?.kid, b.key?.kid, 'both name the same active key');
    assert.equal((await store.keys.listKeyPairs('beta')).length, 1);
  });

  it('a rotation announced as a keys invalidation of the realm is seen at once; one of another realm drops nothing', async () => {
    const store = openMemoryStore();
    const masterKey = randomBytes(32);
    // `server` hears the announcements; `cli` (another process) writes without telling it by itself.
    const server = setUp(store, masterKey);
    const cli = setUp(store, masterKey, createCacheInvalidation());
    const alpha = await generated(cli.keyPairs, 'alpha', 'sig', cli.clock.now());
    const beta = await generated(cli.keyPairs, 'beta', 'sig', cli.clock.now());
    const kids = async (realm: string) => (await server.keyPairs.publicJwkSet(realm)).keys.map((jwk) => jwk.kid);
    assert.deepEqual(await kids('alpha'), [alpha.kid]);
    assert.deepEqual(await kids('beta'), [beta.kid]);
    const rotatedAlpha = await cli.keyPairs.rotate('alpha', 'rp.sig', 'RS256', 0);
    const rotatedBeta = await cli.keyPairs.rotate('beta', 'rp.sig', 'RS256', 0);
    assert.deepEqual(await kids('alpha'), [alpha.kid], 'cached: nothing was announced yet');
    server.invalidation.invalidate('keys', 'beta');
    server.invalidation.invalidate('config', 'alpha');
    server.invalidation.invalidate('realm', 'alpha');
    assert.deepEqual(await kids('alpha'), [alpha.kid], 'only a keys invalidation of alpha drops alpha');
    assert.deepEqual(await kids('beta'), [rotatedBeta.key?.kid], 'beta read again at once, the clock unmoved');
    server.invalidation.invalidate('keys', 'alpha');
    assert.deepEqual(await kids('alpha'), [rotatedAlpha.key?.kid]);
    assert.deepEqual((await server.keyPairs.inUse('alpha')).map((key) => key.kid), [rotatedAlpha.key?.kid], 'what signs changed too');
    assert.ok(server.keyPairs.privateKey((await server.keyPairs.inUse('alpha'))[0] ?? alpha).asymmetricKeyDetails !== undefined, 'and its private key opens');
  });

  it('every realm\u2019s listing is dropped by a keys invalidation of every key (after a lost connection)', async () => {
    const store = openMemoryStore();
    const masterKey = randomBytes(32);
    const server = setUp(store, masterKey);
    const cli = setUp(store, masterKey, createCacheInvalidation());
    for (const realm of ['alpha', 'beta']) await generated(cli.keyPairs, realm, 'enc', cli.clock.now());
    for (const realm of ['alpha', 'beta']) assert.equal((await server.keyPairs.inUse(realm)).length, 1);
    for (const realm of ['alpha', 'beta']) await generated(cli.keyPairs, realm, 'sig', cli.clock.now());
    for (const realm of ['alpha', 'beta']) assert.equal((await server.keyPairs.inUse(realm)).length, 1, `${realm} still cached`);
    server.invalidation.invalidate('keys', EVERY_KEY);
    for (const realm of ['alpha', 'beta']) assert.equal((await server.keyPairs.inUse(realm)).length, 2, `${realm} read again`);
  });

  it('does not keep a listing read while its realm\u2019s keys were invalidated (it may predate the change)', async () => {
    const store = openMemoryStore();
    const masterKey = randomBytes(32);
    const cli = setUp(store, masterKey, createCacheInvalidation());
    const first = await generated(cli.keyPairs, 'alpha', 'sig', cli.clock.now());
    // A key repository whose listing is answered only when the test says: the announcement lands in between.
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let gated = true;
    const invalidation = createCacheInvalidation();
    let now = cli.clock.now();
    const slowKeys = {
      ...store.keys,
      async listKeyPairs(realm: string) {
        const rows = await store.keys.listKeyPairs(realm);
        if (gated) await gate;
        return rows;
      },
    };
    const server = createRealmKeyPairs({ keys: slowKeys, masterKey, clock: { now: () => now }, invalidation });
    const reading = server.inUse('alpha');
    const rotated = await cli.keyPairs.rotate('alpha', 'rp.sig', 'RS256', 0);
    invalidation.invalidate('keys', 'alpha');
    release();
    assert.deepEqual((await reading).map((key) => key.kid), [first.kid], 'the read under way answers what it read');
    gated = false;
    now += 1;
    assert.deepEqual((await server.inUse('alpha')).map((key) => key.kid), [rotated.key?.kid], 'and was not kept');
  });

  it('TLS client keys: self-signed ones are published, CA-issued ones are not and cannot be rotated here', async () => {
    const { keyPairs, clock } = setUp();
    const self = await generated(keyPairs, 'alpha', 'tls', clock.now());
    assert.deepEqual([self.series, self.alg, self.jwk.use, self.published], ['self-signed', 'RS256', 'sig', true]);
    const ca = await generate([{ name: 'commonName', value: 'CA' }], { keyType: 'rsa', algorithm: 'sha256', extensions: [{ name: 'basicConstraints', cA: true }, { name: 'keyUsage', keyCertSign: true }] });
    const leaf = await generate([{ name: 'commonName', value: 'client' }], { keyType: 'rsa', algorithm: 'sha256', ca: { key: ca.private, cert: ca.cert } });
    const issued = await keyPairs.install('alpha', { use: 'tls', material: readPemKeyPair(leaf.private, `${leaf.cert}${ca.cert}`, clock.now()).material, replace: false });
    assert.ok(issued.outcome === 'installed');
    assert.deepEqual([issued.key.series, issued.key.published, issued.key.jwk.x5c?.length], ['ca', false, 2]);
    assert.deepEqual((await keyPairs.publicJwkSet('alpha')).keys.map((jwk) => jwk.kid), [self.kid]);
    await assert.rejects(keyPairs.rotate('alpha', 'rp.tls', 'ca'), { code: 'NOT_ROTATABLE' });
    await assert.rejects(keyPairs.install('alpha', { use: 'tls', material: { privateKey: keyPairs.privateKey(self), certificates: [] }, replace: true }), { code: 'CERTIFICATE_INVALID' });
  });

  it('does not open keys sealed with another master key, nor another realm key slot', async () => {
    const store = openMemoryStore();
    const sealedBy = setUp(store);
    const key = await generated(sealedBy.keyPairs, 'alpha', 'sig', sealedBy.clock.now());
    const other = setUp(store);
    const [listed] = await other.keyPairs.inUse('alpha');
    assert.equal(listed?.kid, key.kid);
    assert.throws(() => other.keyPairs.privateKey(listed), { code: 'KEY_DECRYPTION_FAILED' });
    // The sealed key is bound to its realm: the same row under another realm does not open.
    const [row] = await store.keys.listKeyPairs('alpha');
    assert.ok(row !== undefined);
    await store.keys.replaceActiveKeyPair({ ...row, realm: 'beta' }, undefined);
    const [moved] = await sealedBy.keyPairs.inUse('beta');
    assert.ok(moved !== undefined);
    assert.throws(() => sealedBy.keyPairs.privateKey(moved), { code: 'KEY_DECRYPTION_FAILED' });
  });
});
