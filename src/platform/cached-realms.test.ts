/** Realms through the cache, on a real (memory) store with its reads counted: trusted for the TTL, read again at once when a realm write is announced. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCacheInvalidation } from '../cache/cache-invalidation.ts';
import { CACHE_TTL_MS } from '../cache/cache-ttl.ts';
import { defaultRealmConfig } from '../config/realm-config.ts';
import { manualClock } from '../store/contract/manual-clock.ts';
import { openMemoryStore } from '../store/memory/open-memory-store.ts';
import { countCalls } from '../store/memory/testing/intercept-calls.ts';
import { cachedRealms } from './cached-realms.ts';

describe('cachedRealms', () => {
  it('reads the realms once within the TTL, again after it, and at once after a realm write is announced', async () => {
    const clock = manualClock();
    const store = openMemoryStore({ clock });
    await store.realms.put(defaultRealmConfig('alpha'));
    const counted = countCalls(store.realms);
    const invalidation = createCacheInvalidation();
    const realms = cachedRealms(counted.repository, clock, invalidation);
    assert.equal((await realms.get('alpha'))?.userType, 'alpha_user');
    assert.equal((await realms.byUserType('alpha_user')).name, 'alpha');
    assert.equal(counted.count('list'), 1);

    await store.realms.put(defaultRealmConfig('beta'));
    assert.equal(await realms.get('beta'), undefined, 'not announced: the cached list is trusted');
    invalidation.invalidate('realm', 'beta');
    assert.equal((await realms.get('beta'))?.name, 'beta');
    assert.deepEqual((await realms.list()).map((realm) => realm.name).sort(), ['alpha', 'beta']);
    assert.equal(counted.count('list'), 2);

    clock.advance(CACHE_TTL_MS);
    await realms.get('alpha');
    assert.equal(counted.count('list'), 3);
  });
});
