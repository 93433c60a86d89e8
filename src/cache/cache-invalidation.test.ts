/** The in-process invalidation: every subscriber hears every invalidation until it unsubscribes. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CacheKind } from './cache-invalidation.ts';
import { createCacheInvalidation, journeyCacheKey } from './cache-invalidation.ts';

describe('createCacheInvalidation', () => {
  it('tells every subscriber of each invalidation, in order, until it unsubscribes', () => {
    const bus = createCacheInvalidation();
    const first: [CacheKind, string][] = [];
    const second: [CacheKind, string][] = [];
    const stopFirst = bus.subscribe((kind, key) => void first.push([kind, key]));
    bus.subscribe((kind, key) => void second.push([kind, key]));
    bus.invalidate('config', 'managed');
    bus.invalidate('journey', journeyCacheKey('alpha', 'Login'));
    stopFirst();
    bus.invalidate('realm', 'alpha');
    assert.deepEqual(first, [['config', 'managed'], ['journey', 'alpha/Login']]);
    assert.deepEqual(second, [['config', 'managed'], ['journey', 'alpha/Login'], ['realm', 'alpha']]);
  });

  it('keeps two subscriptions of one listener apart', () => {
    const bus = createCacheInvalidation();
    let heard = 0;
    const listener = (): void => void (heard += 1);
    const stop = bus.subscribe(listener);
    bus.subscribe(listener);
    stop();
    bus.invalidate('config', 'x');
    assert.equal(heard, 1);
  });
});
