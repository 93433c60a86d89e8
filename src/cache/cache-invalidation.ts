/**
 * The one place where Arbor says "this changed": every cache of stored configuration subscribes,
 * and every write through Arbor (the platform's store, `platform/announce-writes.ts`) announces what
 * it changed once the change has landed. Today the announcements stay in this process; the scale-out
 * work extends `CacheInvalidation` across processes (publish on write, invalidate on receipt)
 * without touching the caches. Changes made behind Arbor's back are bounded by `CACHE_TTL_MS`.
 */

/** What a cache keeps: configuration documents (by config id), realms (by name), journeys (by `journeyCacheKey`). */
export type CacheKind = 'config' | 'realm' | 'journey';

/** Told of every invalidation; must not throw (it drops entries, nothing more). */
export type InvalidationListener = (kind: CacheKind, key: string) => void;

/** Announces changes to the caches that subscribed. */
export interface CacheInvalidation {
  /** Drops `key` of `kind` from every subscribed cache, synchronously. */
  invalidate(kind: CacheKind, key: string): void;
  /** Hears every invalidation from now on; the function returned stops it. */
  subscribe(listener: InvalidationListener): () => void;
}

/** The cache key of journey `name` of `realm` (realm names never contain `/`). */
export function journeyCacheKey(realm: string, name: string): string {
  return `${realm}/${name}`;
}

/** Invalidation within this process. */
export function createCacheInvalidation(): CacheInvalidation {
  const listeners = new Set<InvalidationListener>();
  return {
    invalidate(kind, key) {
      for (const listener of listeners) listener(kind, key);
    },
    subscribe(listener) {
      // A fresh function per subscription, so that subscribing one listener twice unsubscribes each once.
      const entry: InvalidationListener = (kind, key) => listener(kind, key);
      listeners.add(entry);
      return () => void listeners.delete(entry);
    },
  };
}
