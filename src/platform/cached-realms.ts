/**
 * Realm configuration read through a short cache: every request needs it, and it rarely changes.
 * A realm written through Arbor is announced on the `CacheInvalidation` and read again at once; a
 * change made behind Arbor's back is seen within `CACHE_TTL_MS`.
 */
import type { CacheInvalidation } from '../cache/cache-invalidation.ts';
import { CACHE_TTL_MS } from '../cache/cache-ttl.ts';
import { createTtlCache } from '../cache/ttl-cache.ts';
import type { RealmRepository } from '../config/ports.ts';
import type { RealmConfig } from '../config/realm-config.ts';

/** Cached realm lookups by name and by managed user type. */
export interface CachedRealms {
  get(name: string): Promise<RealmConfig | undefined>;
  /** The realm whose users are of `userType`; throws when none is. */
  byUserType(userType: string): Promise<RealmConfig>;
  /** Every realm. */
  list(): Promise<RealmConfig[]>;
}

/** Wraps the realm repository in a cache; `invalidation` tells it of realms written through Arbor. */
export function cachedRealms(repository: RealmRepository, clock: { now(): number }, invalidation?: CacheInvalidation): CachedRealms {
  const cache = createTtlCache<RealmConfig[]>({ clock, ttlMs: CACHE_TTL_MS, capacity: 1 });
  invalidation?.subscribe((kind) => {
    if (kind === 'realm') cache.clear();
  });
  const all = (): Promise<RealmConfig[]> => cache.get('realms', () => repository.list());
  return {
    async get(name) {
      return (await all()).find((realm) => realm.name === name);
    },
    async byUserType(userType) {
      const realm = (await all()).find((candidate) => candidate.userType === userType);
      if (realm === undefined) throw new Error(`no realm has users of type ${userType}`);
      return realm;
    },
    list: all,
  };
}
