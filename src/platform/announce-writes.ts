/**
 * The write side of cache invalidation: the store Arbor's services (and the CLI's commands) write
 * through, with every write of something a cache keeps (configuration documents, realms, journeys,
 * a realm's key pairs) announced on the `CacheInvalidation` once it has landed: right after the
 * write, or after the commit for a write made in a transaction. Symmetric realm keys are not
 * announced: they never change once stored (racing first inserts store one key). A write that failed is announced too (it may have landed before the error
 * reached us; dropping a cache entry for nothing costs one read). The caches subscribe; this is
 * the one place that calls `invalidate`.
 */
import type { CacheInvalidation, CacheKind } from '../cache/cache-invalidation.ts';
import { journeyCacheKey } from '../cache/cache-invalidation.ts';
import type { ConfigRepository, RealmRepository } from '../config/ports.ts';
import type { JourneyRepository } from '../journeys/ports.ts';
import type { KeyRepository } from '../secrets/ports.ts';
import type { DurableRepositories, Store } from '../store/store.ts';

type Announce = (kind: CacheKind, key: string) => void;

/** `write`'s result, once `key` of `kind` is announced (whether the write succeeded or not). */
async function announced<T>(write: Promise<T>, announce: Announce, kind: CacheKind, key: string): Promise<T> {
  try {
    return await write;
  } finally {
    announce(kind, key);
  }
}

function announcingConfigs(configs: ConfigRepository, announce: Announce): ConfigRepository {
  return {
    get: (id) => configs.get(id),
    list: (prefix) => configs.list(prefix),
    put: (id, value) => announced(configs.put(id, value), announce, 'config', id),
    delete: (id) => announced(configs.delete(id), announce, 'config', id),
  };
}

function announcingRealms(realms: RealmRepository, announce: Announce): RealmRepository {
  const announcing: RealmRepository = {
    list: () => realms.list(),
    get: (name) => realms.get(name),
    put: (realm) => announced(realms.put(realm), announce, 'realm', realm.name),
  };
  const remove = realms.delete;
  if (remove !== undefined) announcing.delete = (name) => announced(remove.call(realms, name), announce, 'realm', name);
  return announcing;
}

function announcingJourneys(journeys: JourneyRepository, announce: Announce): JourneyRepository {
  return {
    get: (realm, name) => journeys.get(realm, name),
    current: (realm, name) => journeys.current(realm, name),
    version: (realm, name, revision) => journeys.version(realm, name, revision),
    list: (realm) => journeys.list(realm),
    purgeVersions: (supersededBefore) => journeys.purgeVersions(supersededBefore),
    put: (realm, definition) => announced(journeys.put(realm, definition), announce, 'journey', journeyCacheKey(realm, definition.tree._id)),
    delete: (realm, name) => announced(journeys.delete(realm, name), announce, 'journey', journeyCacheKey(realm, name)),
  };
}

function announcingKeys(keys: KeyRepository, announce: Announce): KeyRepository {
  return {
    list: (realm, purpose) => keys.list(realm, purpose),
    insertIfAbsent: (key) => keys.insertIfAbsent(key),
    listKeyPairs: (realm) => keys.listKeyPairs(realm),
    replaceActiveKeyPair: (key, replacing) => announced(keys.replaceActiveKeyPair(key, replacing), announce, 'keys', key.realm),
  };
}

/** `repositories` with the cached ones announcing their writes through `announce`. */
function announcing<R extends Pick<DurableRepositories, 'configs' | 'realms' | 'journeys' | 'keys'>>(repositories: R, announce: Announce): R {
  return {
    ...repositories,
    configs: announcingConfigs(repositories.configs, announce),
    realms: announcingRealms(repositories.realms, announce),
    journeys: announcingJourneys(repositories.journeys, announce),
    keys: announcingKeys(repositories.keys, announce),
  };
}

/** `store`, whose writes of cached things are announced on `invalidation`. */
export function announceWrites(store: Store, invalidation: CacheInvalidation): Store {
  const announce: Announce = (kind, key) => invalidation.invalidate(kind, key);
  return {
    ...announcing(store, announce),
    async transaction(work) {
      const written: [CacheKind, string][] = [];
      try {
        return await store.transaction((tx) => work(announcing(tx, (kind, key) => void written.push([kind, key]))));
      } finally {
        for (const [kind, key] of written) announce(kind, key);
      }
    },
  };
}
