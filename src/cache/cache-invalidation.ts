/**
 * The one place where Arbor says "this changed": every cache of stored configuration and realm
 * keys subscribes, and every write through Arbor (the platform's store and the CLI's,
 * `platform/announce-writes.ts`) announces what it changed once the change has landed. `createCacheInvalidation` keeps the announcements in this
 * process; `cross-process-invalidation.ts` also publishes them to the other Arbor processes (Redis
 * pub/sub or PostgreSQL `LISTEN/NOTIFY`) and applies theirs. `EVERY_KEY` drops a whole kind (after
 * a lost connection, when announcements may have been missed). Changes made behind Arbor's back are
 * bounded by `CACHE_TTL_MS` (and the key listing's 30 seconds).
 */

/**
 * What a cache keeps: configuration documents (by config id), realms (by name), journeys (by
 * `journeyCacheKey`), a realm's asymmetric key pairs (by realm name: the listing, and what is built
 * from it, such as the realm's OpenID provider).
 */
export type CacheKind = 'config' | 'realm' | 'journey' | 'keys';

/** Told of every invalidation; must not throw (it drops entries, nothing more). */
export type InvalidationListener = (kind: CacheKind, key: string) => void;

/** Announces changes to the caches that subscribed. */
export interface CacheInvalidation {
  /** Drops `key` of `kind` from every subscribed cache, synchronously. */
  invalidate(kind: CacheKind, key: string): void;
  /** Hears every invalidation from now on; the function returned stops it. */
  subscribe(listener: InvalidationListener): () => void;
}

/** The key that stands for every key of its kind: a cache told `(kind, EVERY_KEY)` drops all its entries of `kind`. */
export const EVERY_KEY = '*';

/** Every kind a cache keeps. */
export const CACHE_KINDS: readonly CacheKind[] = Object.freeze(['config', 'realm', 'journey', 'keys']);

/** Drops everything every cache keeps (of `invalidation`'s subscribers). */
export function invalidateEverything(invalidation: Pick<CacheInvalidation, 'invalidate'>): void {
  for (const kind of CACHE_KINDS) invalidation.invalidate(kind, EVERY_KEY);
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
