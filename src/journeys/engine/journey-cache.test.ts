/**
 * The journey cache on a real (memory) store, its reads counted: the current revision trusted for
 * the TTL and dropped by an invalidation, each revision loaded once (nodes resolved once, configs
 * frozen), replaced revisions still served, a purged one asked again.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCacheInvalidation, journeyCacheKey } from '../../cache/cache-invalidation.ts';
import { CACHE_TTL_MS } from '../../cache/cache-ttl.ts';
import { sampleJourney } from '../../store/contract/journey-repository.contract.ts';
import { manualClock } from '../../store/contract/manual-clock.ts';
import { openMemoryStore } from '../../store/memory/open-memory-store.ts';
import { countCalls } from '../../store/memory/testing/intercept-calls.ts';
import { builtinNodes, createNodeRegistry } from '../nodes/registry.ts';
import { createJourneyCache } from './journey-cache.ts';

const nodes = createNodeRegistry(builtinNodes);

async function setUp(withInvalidation = true) {
  const clock = manualClock();
  const store = openMemoryStore({ clock });
  const counted = countCalls(store.journeys);
  const invalidation = createCacheInvalidation();
  const cache = createJourneyCache({ journeys: counted.repository, nodes, clock, ...(withInvalidation ? { invalidation } : {}) });
  await store.journeys.put('alpha', sampleJourney('Login', 'first'));
  return { clock, store, counted, invalidation, cache };
}

describe('createJourneyCache', () => {
  it('reads the current revision once within the TTL, again after it', async () => {
    const { clock, store, counted, cache } = await setUp();
    const first = await cache.current('alpha', 'Login');
    assert.equal(first?.revision, 1);
    assert.equal(await cache.current('alpha', 'Login'), first, 'the same loaded revision');
    assert.equal(counted.count('current'), 1);
    await store.journeys.put('alpha', sampleJourney('Login', 'second')); // behind the cache's back
    clock.advance(CACHE_TTL_MS - 1);
    assert.equal((await cache.current('alpha', 'Login'))?.revision, 1, 'a change nobody announced is seen within the TTL, not before');
    clock.advance(1);
    assert.equal((await cache.current('alpha', 'Login'))?.definition.tree.description, 'second');
    assert.equal(counted.count('current'), 2);
  });

  it('reads the current revision again at once when the journey is invalidated, and only that journey', async () => {
    const { store, counted, invalidation, cache } = await setUp();
    await store.journeys.put('alpha', sampleJourney('Other'));
    await cache.current('alpha', 'Login');
    await cache.current('alpha', 'Other');
    await store.journeys.put('alpha', sampleJourney('Login', 'second'));
    invalidation.invalidate('journey', journeyCacheKey('alpha', 'Login'));
    invalidation.invalidate('config', 'alpha/Other');
    assert.equal((await cache.current('alpha', 'Login'))?.revision, 2);
    await cache.current('alpha', 'Other');
    assert.equal(counted.count('current'), 3, 'Login twice, Other once');
  });

  it('remembers that a journey does not exist until it is written', async () => {
    const { store, counted, invalidation, cache } = await setUp();
    assert.equal(await cache.current('alpha', 'Missing'), undefined);
    assert.equal(await cache.current('alpha', 'Missing'), undefined);
    assert.equal(counted.count('current'), 1);
    await store.journeys.put('alpha', sampleJourney('Missing'));
    invalidation.invalidate('journey', journeyCacheKey('alpha', 'Missing'));
    assert.equal((await cache.current('alpha', 'Missing'))?.revision, 1);
  });

  it('serves a replaced revision by number, loading each revision once, and shares it with current()', async () => {
    const { store, counted, invalidation, cache } = await setUp();
    const first = await cache.current('alpha', 'Login');
    await store.journeys.put('alpha', sampleJourney('Login', 'second'));
    invalidation.invalidate('journey', journeyCacheKey('alpha', 'Login'));
    assert.equal(await cache.version('alpha', 'Login', 1), first, 'revision 1 was loaded by current(): not read again');
    assert.equal(counted.count('version'), 0);
    const second = await cache.version('alpha', 'Login', 2);
    assert.equal(second?.definition.tree.description, 'second');
    assert.equal(await cache.current('alpha', 'Login'), second, 'the current revision is the one loaded by number');
    assert.equal(await cache.version('alpha', 'Login', 2), second);
    assert.equal(counted.count('version'), 1);
  });

  it('asks again for a revision it did not find', async () => {
    const { counted, cache } = await setUp();
    assert.equal(await cache.version('alpha', 'Login', 7), undefined);
    assert.equal(await cache.version('alpha', 'Login', 7), undefined);
    assert.equal(counted.count('version'), 2);
  });

  it('without invalidation, reads the current revision every time but loads each revision once', async () => {
    const { counted, cache } = await setUp(false);
    const first = await cache.current('alpha', 'Login');
    assert.equal(await cache.current('alpha', 'Login'), first);
    assert.equal(counted.count('current'), 2);
  });

  it('resolves each node of a revision once, its config parsed and frozen', async () => {
    const { cache } = await setUp();
    const journey = await cache.current('alpha', 'Login');
    assert.ok(journey !== undefined);
    const node = journey.node('n1', 'UsernameCollectorNode', 'User Name');
    assert.equal(journey.node('n1', 'UsernameCollectorNode', 'User Name'), node);
    assert.equal(node.definition.type, 'UsernameCollectorNode');
    assert.ok(Object.isFrozen(node.config));
    assert.throws(() => journey.node('n1', 'NoSuchNode', 'User Name'), { code: 'TREE_INVALID' });
  });
});
