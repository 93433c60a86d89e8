/**
 * The write side of cache invalidation on a real (memory) store: every write of a configuration
 * document, a realm, a journey or a realm's key pair is announced once it has landed (a
 * transaction's after its commit), reads are not, and the writes themselves are the store's; a key
 * rotation written through it reaches another process's key listing at once.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { CacheKind } from '../cache/cache-invalidation.ts';
import { createCacheInvalidation } from '../cache/cache-invalidation.ts';
import { defaultRealmConfig } from '../config/realm-config.ts';
import { sampleJourney } from '../store/contract/journey-repository.contract.ts';
import { openMemoryStore } from '../store/memory/open-memory-store.ts';
import { generateKeyPairMaterial } from '../secrets/generate-key-pair-material.ts';
import type { NewKeyPair } from '../secrets/ports.ts';
import { createRealmKeyPairs } from '../secrets/realm-key-pairs.ts';
import { announceWrites } from './announce-writes.ts';

function setUp() {
  const raw = openMemoryStore();
  const invalidation = createCacheInvalidation();
  const heard: [CacheKind, string][] = [];
  invalidation.subscribe((kind, key) => void heard.push([kind, key]));
  return { raw, store: announceWrites(raw, invalidation), heard };
}

describe('announceWrites', () => {
  it('announces each write of a configuration document, a realm or a journey, after it landed', async () => {
    const { raw, store, heard } = setUp();
    const landed: unknown[] = [];
    const invalidation = createCacheInvalidation();
    invalidation.subscribe((_kind, key) => void (key === 'managed' && raw.configs.get('managed').then((value) => landed.push(value))));
    await announceWrites(raw, invalidation).configs.put('managed', { v: 1 });
    await store.configs.put('managed', { v: 2 });
    await store.configs.delete('managed');
    await store.realms.put(defaultRealmConfig('beta'));
    assert.equal(await store.journeys.put('alpha', sampleJourney('Login')), 1);
    await store.journeys.delete('alpha', 'Login');
    assert.deepEqual(heard, [['config', 'managed'], ['config', 'managed'], ['realm', 'beta'], ['journey', 'alpha/Login'], ['journey', 'alpha/Login']]);
    assert.deepEqual(landed, [{ v: 1 }], 'the document was stored when its write was announced');
  });

  it('announces nothing for reads', async () => {
    const { store, heard } = setUp();
    await store.configs.get('managed');
    await store.configs.list('email');
    await store.realms.list();
    await store.realms.get('alpha');
    await store.journeys.get('alpha', 'Login');
    await store.journeys.current('alpha', 'Login');
    await store.journeys.version('alpha', 'Login', 1);
    await store.journeys.list('alpha');
    await store.journeys.purgeVersions(0);
    assert.deepEqual(heard, []);
  });

  it('announces a transaction\u2019s writes once it has committed, not while it runs', async () => {
    const { store, heard } = setUp();
    await store.transaction(async (tx) => {
      await tx.journeys.put('alpha', sampleJourney('Login'));
      await tx.configs.put('selfservice.kba', {});
      assert.deepEqual(heard, [], 'nothing is announced before the commit');
    });
    assert.deepEqual(heard, [['journey', 'alpha/Login'], ['config', 'selfservice.kba']]);
    assert.equal((await store.journeys.current('alpha', 'Login'))?.revision, 1);
  });

  it('announces the writes of a failed transaction too (a cache read again for nothing costs one read)', async () => {
    const { store, heard } = setUp();
    await assert.rejects(
      store.transaction(async (tx) => {
        await tx.configs.put('consent', {});
        throw new Error('rolled back');
      }),
      /rolled back/,
    );
    assert.deepEqual(heard, [['config', 'consent']]);
    assert.equal(await store.configs.get('consent'), undefined);
  });

  it('announces each key pair write as keys of its realm once it landed, a refused one too; not the symmetric keys nor reads', async () => {
    const { raw, store, heard } = setUp();
    const landed: number[] = [];
    const invalidation = createCacheInvalidation();
    invalidation.subscribe((kind, key) => void (kind === 'keys' && raw.keys.listKeyPairs(key).then((rows) => landed.push(rows.length))));
    const pair = (kid: string, realm = 'alpha'): NewKeyPair => ({ realm, purpose: 'rp.sig', series: 'RS256', kid, material: 'sealed', publicJwk: '{}', createdAt: 1 });
    assert.equal(await announceWrites(raw, invalidation).keys.replaceActiveKeyPair(pair('k1'), undefined), true);
    assert.equal(await store.keys.replaceActiveKeyPair(pair('k2'), { kid: 'k1', publishedUntil: 5 }), true);
    assert.equal(await store.keys.replaceActiveKeyPair(pair('k3'), { kid: 'k1', publishedUntil: 5 }), false, 'k1 is no longer active');
    await store.transaction(async (tx) => {
      await tx.keys.replaceActiveKeyPair(pair('b1', 'beta'), undefined);
      assert.deepEqual(heard, [['keys', 'alpha'], ['keys', 'alpha']], 'nothing announced before the commit');
    });
    await store.keys.insertIfAbsent({ realm: 'alpha', purpose: 'authId.hmac', kid: 's1', material: 'sealed', createdAt: 1, status: 'active' });
    await store.keys.list('alpha', 'authId.hmac');
    await store.keys.listKeyPairs('alpha');
    assert.deepEqual(heard, [['keys', 'alpha'], ['keys', 'alpha'], ['keys', 'beta']]);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(landed, [1], 'the key pair was stored when its write was announced');
  });

  it('a key rotation written through it is seen at once by another process\u2019s key listing that hears the invalidation', async () => {
    const raw = openMemoryStore();
    const invalidation = createCacheInvalidation();
    const masterKey = randomBytes(32);
    const clock = { now: () => 1_800_000_000_000 };
    const server = createRealmKeyPairs({ keys: raw.keys, masterKey, clock, invalidation });
    const writer = createRealmKeyPairs({ keys: announceWrites(raw, invalidation).keys, masterKey, clock });
    const material = await generateKeyPairMaterial({ type: 'EC', use: 'sig', commonName: 'test', now: clock.now() });
    const first = await writer.install('alpha', { use: 'sig', material, replace: false });
    assert.deepEqual((await server.publicJwkSet('alpha')).keys.map((jwk) => jwk.kid), [first.key?.kid]);
    const rotated = await writer.rotate('alpha', 'rp.sig', 'ES256', 0);
    assert.equal(rotated.outcome, 'installed');
    assert.deepEqual((await server.publicJwkSet('alpha')).keys.map((jwk) => jwk.kid), [rotated.key?.kid], 'the clock did not move: the listing was dropped');
  });
});
