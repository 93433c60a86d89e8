/**
 * `invalidateEverything` (what a reconnected invalidation channel does) empties the caches that
 * subscribe: configuration documents, realms and current journeys are read from the store again.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCacheInvalidation, invalidateEverything } from '../cache/cache-invalidation.ts';
import { defaultRealmConfig } from '../config/realm-config.ts';
import { openStore } from '../store/open-store.ts';
import { cachedConfigs } from './cached-configs.ts';
import { cachedRealms } from './cached-realms.ts';

describe('invalidateEverything', () => {
  it('makes the configuration and realm caches read the store again', async () => {
    const store = await openStore({ memory: true });
    try {
      const clock = { now: () => 1_000 };
      const invalidation = createCacheInvalidation();
      const configs = cachedConfigs(store.configs, { clock, invalidation });
      const realms = cachedRealms(store.realms, clock, invalidation);
      await store.configs.put('multinode.test', { version: 1 });
      await store.realms.put(defaultRealmConfig('beta'));
      assert.deepEqual(await configs.get('multinode.test'), { version: 1 });
      assert.ok((await realms.get('beta')) !== undefined);
      // Written behind the caches' back (another process whose message was lost).
      await store.configs.put('multinode.test', { version: 2 });
      await store.realms.put(defaultRealmConfig('gamma'));
      assert.deepEqual(await configs.get('multinode.test'), { version: 1 }, 'still cached');
      assert.equal(await realms.get('gamma'), undefined, 'still cached');
      invalidateEverything(invalidation);
      assert.deepEqual(await configs.get('multinode.test'), { version: 2 });
      assert.ok((await realms.get('gamma')) !== undefined);
    } finally {
      await store.close();
    }
  });
});
