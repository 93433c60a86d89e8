/**
 * The write side of cache invalidation on a real (memory) store: every write of a configuration
 * document, a realm or a journey is announced once it has landed (a transaction's after its commit),
 * reads are not, and the writes themselves are the store's.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CacheKind } from '../cache/cache-invalidation.ts';
import { createCacheInvalidation } from '../cache/cache-invalidation.ts';
import { defaultRealmConfig } from '../config/realm-config.ts';
import { sampleJourney } from '../store/contract/journey-repository.contract.ts';
import { openMemoryStore } from '../store/memory/open-memory-store.ts';
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
});
