/**
 * Configuration documents through the cache, on a real (memory) store with its reads counted: one
 * read per document within the TTL, the same frozen object to every caller, dropped at once by an
 * invalidation of that document only.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCacheInvalidation } from '../cache/cache-invalidation.ts';
import { CACHE_TTL_MS } from '../cache/cache-ttl.ts';
import { manualClock } from '../store/contract/manual-clock.ts';
import { openMemoryStore } from '../store/memory/open-memory-store.ts';
import { countCalls } from '../store/memory/testing/intercept-calls.ts';
import { cachedConfigs } from './cached-configs.ts';

async function setUp() {
  const clock = manualClock();
  const store = openMemoryStore({ clock });
  await store.configs.put('managed', { objects: [{ name: 'user' }] });
  await store.configs.put('selfservice.kba', { questions: {} });
  const counted = countCalls(store.configs);
  const invalidation = createCacheInvalidation();
  return { clock, store, counted, invalidation, configs: cachedConfigs(counted.repository, { clock, invalidation }) };
}

describe('cachedConfigs', () => {
  it('reads a document once within the TTL and gives every caller the same frozen object', async () => {
    const { clock, counted, configs } = await setUp();
    const [first, second] = await Promise.all([configs.get('managed'), configs.get('managed')]);
    assert.equal(first, second);
    assert.deepEqual(first, { objects: [{ name: 'user' }] });
    assert.ok(Object.isFrozen(first));
    assert.throws(() => (first as { objects: unknown[] }).objects.push('x'), TypeError);
    clock.advance(CACHE_TTL_MS - 1);
    await configs.get('managed');
    assert.equal(counted.count('get'), 1);
    clock.advance(1);
    await configs.get('managed');
    assert.equal(counted.count('get'), 2, 'read again once the TTL has passed');
  });

  it('remembers a missing document too', async () => {
    const { counted, configs } = await setUp();
    assert.equal(await configs.get('consent'), undefined);
    assert.equal(await configs.get('consent'), undefined);
    assert.equal(counted.count('get'), 1);
  });

  it('reads a document again at once when it is invalidated, and only that document', async () => {
    const { store, counted, invalidation, configs } = await setUp();
    await configs.get('managed');
    await configs.get('selfservice.kba');
    await store.configs.put('managed', { objects: [] });
    invalidation.invalidate('config', 'managed');
    invalidation.invalidate('journey', 'selfservice.kba');
    assert.deepEqual(await configs.get('managed'), { objects: [] });
    await configs.get('selfservice.kba');
    assert.equal(counted.count('get'), 3);
  });

  it('writes and lists through to the store', async () => {
    const { store, configs } = await setUp();
    await configs.put('emailTemplate/welcome', { enabled: true });
    assert.deepEqual(await store.configs.get('emailTemplate/welcome'), { enabled: true });
    assert.deepEqual(await configs.list('emailTemplate/'), ['emailTemplate/welcome']);
    assert.equal(await configs.delete('emailTemplate/welcome'), true);
  });
});
