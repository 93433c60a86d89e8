/** Realm configuration read through a short cache: every request needs it, and it rarely changes. */
import type { RealmRepository } from '../config/ports.ts';
import type { RealmConfig } from '../config/realm-config.ts';

/** How long a realm read is reused; a change made elsewhere is seen within this time. */
const TTL_MS = 5_000;

/** Cached realm lookups by name and by managed user type. */
export interface CachedRealms {
  get(name: string): Promise<RealmConfig | undefined>;
  /** The realm whose users are of `userType`; throws when none is. */
  byUserType(userType: string): Promise<RealmConfig>;
}

/** Wraps the realm repository in a cache. */
export function cachedRealms(repository: RealmRepository, clock: { now(): number }): CachedRealms {
  let cached: { at: number; realms: RealmConfig[] } | undefined;
  const all = async (): Promise<RealmConfig[]> => {
    if (cached === undefined || clock.now() - cached.at > TTL_MS || clock.now() < cached.at) {
      cached = { at: clock.now(), realms: await repository.list() };
    }
    return cached.realms;
  };
  return {
    async get(name) {
      return (await all()).find((realm) => realm.name === name);
    },
    async byUserType(userType) {
      const realm = (await all()).find((candidate) => candidate.userType === userType);
      if (realm === undefined) throw new Error(`no realm has users of type ${userType}`);
      return realm;
    },
  };
}
