/**
 * The shape every cache of stored configuration shares: values by key, loaded once and shared by
 * concurrent callers, trusted for `ttlMs` (the bound on changes made behind Arbor's back), dropped
 * at once by `delete`/`clear` (what an invalidation does). A load still running when its key is
 * dropped serves the callers that were already waiting for it, and is never kept. A failed load
 * is not kept either.
 */
import { isStale } from './cache-ttl.ts';
import { createLruMap } from './lru-map.ts';

/** Cached values by key. */
export interface TtlCache<V> {
  /** The cached value of `key`, else what `load` resolves to (then cached). */
  get(key: string, load: () => Promise<V>): Promise<V>;
  delete(key: string): void;
  clear(): void;
}

/** What a cache is built from. */
export interface TtlCacheOptions {
  clock: { now(): number };
  ttlMs: number;
  /** The most keys kept (least recently used dropped first). */
  capacity: number;
}

/** An empty cache. */
export function createTtlCache<V>(options: TtlCacheOptions): TtlCache<V> {
  const entries = createLruMap<string, { at: number; value: Promise<V> }>(options.capacity);
  return {
    get(key, load) {
      const now = options.clock.now();
      const entry = entries.get(key);
      if (entry !== undefined && !isStale(entry.at, now, options.ttlMs)) return entry.value;
      const value = load();
      const mine = { at: now, value };
      entries.set(key, mine);
      value.catch(() => {
        if (entries.get(key) === mine) entries.delete(key);
      });
      return value;
    },
    delete: (key) => void entries.delete(key),
    clear: () => entries.clear(),
  };
}
