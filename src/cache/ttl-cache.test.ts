/** The cache every configuration cache is made of: one load shared, trusted for the TTL, dropped on demand, bounded. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { manualClock } from '../store/contract/manual-clock.ts';
import { createTtlCache } from './ttl-cache.ts';

/** A load that counts its calls and resolves to `value` when the test says so. */
function gatedLoad<V>(value: V): { load: () => Promise<V>; calls(): number; release(): void } {
  let calls = 0;
  const gate = Promise.withResolvers<void>();
  return {
    load: async () => {
      calls += 1;
      await gate.promise;
      return value;
    },
    calls: () => calls,
    release: () => gate.resolve(),
  };
}

describe('createTtlCache', () => {
  it('loads once for concurrent callers and keeps the value for the TTL', async () => {
    const clock = manualClock();
    const cache = createTtlCache<string>({ clock, ttlMs: 5_000, capacity: 10 });
    const first = gatedLoad('v1');
    const both = Promise.all([cache.get('k', first.load), cache.get('k', first.load)]);
    first.release();
    assert.deepEqual(await both, ['v1', 'v1']);
    assert.equal(first.calls(), 1);
    clock.advance(4_999);
    assert.equal(await cache.get('k', async () => 'v2'), 'v1', 'still within the TTL');
    clock.advance(1);
    assert.equal(await cache.get('k', async () => 'v2'), 'v2', 'read again once the TTL has passed');
    clock.set(clock.now() - 60_000);
    assert.equal(await cache.get('k', async () => 'v3'), 'v3', 'a clock that went back reads again');
  });

  it('reads again at once after delete or clear, and never keeps a load that was running when its key was dropped', async () => {
    const clock = manualClock();
    const cache = createTtlCache<string>({ clock, ttlMs: 5_000, capacity: 10 });
    const stale = gatedLoad('old');
    const waiting = cache.get('k', stale.load);
    cache.delete('k');
    assert.equal(await cache.get('k', async () => 'new'), 'new');
    stale.release();
    assert.equal(await waiting, 'old', 'the caller already waiting gets what it asked for');
    assert.equal(await cache.get('k', async () => 'newer'), 'new', 'and the dropped load did not replace the fresh value');
    cache.clear();
    assert.equal(await cache.get('k', async () => 'newer'), 'newer');
  });

  it('does not keep a failed load', async () => {
    const cache = createTtlCache<string>({ clock: manualClock(), ttlMs: 5_000, capacity: 10 });
    await assert.rejects(cache.get('k', async () => Promise.reject(new Error('store down'))), /store down/);
    assert.equal(await cache.get('k', async () => 'v'), 'v');
  });

  it('keeps at most `capacity` keys, dropping the least recently used', async () => {
    const cache = createTtlCache<string>({ clock: manualClock(), ttlMs: 5_000, capacity: 2 });
    await cache.get('a', async () => 'a1');
    await cache.get('b', async () => 'b1');
    await cache.get('a', async () => 'a2'); // a used: b is now the oldest
    await cache.get('c', async () => 'c1');
    assert.equal(await cache.get('a', async () => 'a3'), 'a1');
    assert.equal(await cache.get('b', async () => 'b2'), 'b2', 'b was dropped');
  });

  it('trusts nothing with a TTL of 0', async () => {
    const cache = createTtlCache<number>({ clock: manualClock(), ttlMs: 0, capacity: 10 });
    let loads = 0;
    const load = async (): Promise<number> => (loads += 1);
    await cache.get('k', load);
    await cache.get('k', load);
    assert.equal(loads, 2);
  });
});
