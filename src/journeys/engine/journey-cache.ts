/**
 * The journeys the engine runs, cached per revision. A revision never changes, so a loaded
 * revision (its definition, and its nodes resolved and configs parsed once, `LoadedJourney`) is
 * kept until it is the least recently used of `MAX_VERSIONS`. Which revision of a name is current
 * is what can change: it is trusted for `CACHE_TTL_MS` (the bound on imports made by another
 * process) and dropped at once when Arbor announces a write of that journey (`CacheInvalidation`).
 */
import type { CacheInvalidation } from '../../cache/cache-invalidation.ts';
import { EVERY_KEY, journeyCacheKey } from '../../cache/cache-invalidation.ts';
import { CACHE_TTL_MS } from '../../cache/cache-ttl.ts';
import { createLruMap } from '../../cache/lru-map.ts';
import { createTtlCache } from '../../cache/ttl-cache.ts';
import type { JourneyRepository, JourneyVersion } from '../ports.ts';
import type { LoadedJourney } from './loaded-journey.ts';
import { loadedJourney } from './loaded-journey.ts';
import type { NodeLookup } from './node-steps.ts';

/** Loaded revisions kept (every realm's trees, and the versions running journeys still use). */
const MAX_VERSIONS = 500;

/** Names whose current revision is remembered (unknown names included, so that guessing costs no read). */
const MAX_NAMES = 2_000;

/** What the cache reads, and how it hears of writes. */
export interface JourneyCacheDeps {
  journeys: Pick<JourneyRepository, 'current' | 'version'>;
  nodes: NodeLookup;
  clock: { now(): number };
  /**
   * Where writes of journeys are announced. Without it nothing tells the cache of a change, so the
   * current revision is read on every call (loaded revisions are still kept: they cannot change).
   */
  invalidation?: CacheInvalidation;
  /** How long a current revision is trusted; `CACHE_TTL_MS` by default. */
  ttlMs?: number;
}

/** Journeys by realm, name and revision. */
export interface JourneyCache {
  /** The current version of the journey, undefined when there is none. */
  current(realm: string, name: string): Promise<LoadedJourney | undefined>;
  /** The version `revision`, undefined once it is purged. */
  version(realm: string, name: string, revision: number): Promise<LoadedJourney | undefined>;
}

/** An empty cache over `deps.journeys`. */
export function createJourneyCache(deps: JourneyCacheDeps): JourneyCache {
  const versions = createLruMap<string, Promise<LoadedJourney | undefined>>(MAX_VERSIONS);
  const ttlMs = deps.invalidation === undefined ? 0 : (deps.ttlMs ?? CACHE_TTL_MS);
  const currents = createTtlCache<LoadedJourney | undefined>({ clock: deps.clock, ttlMs, capacity: MAX_NAMES });
  deps.invalidation?.subscribe((kind, key) => {
    if (kind === 'journey' && key === EVERY_KEY) currents.clear();
    else if (kind === 'journey') currents.delete(key);
  });

  const versionKey = (realm: string, name: string, revision: number): string => JSON.stringify([realm, name, revision]);

  /** The loaded form of `stored`, shared with every earlier load of the same revision. */
  const remember = async (realm: string, stored: JourneyVersion): Promise<LoadedJourney> => {
    const key = versionKey(realm, stored.definition.tree._id, stored.revision);
    const known = await versions.get(key);
    if (known !== undefined) return known;
    const loaded = loadedJourney(stored.revision, stored.definition, deps.nodes);
    versions.set(key, Promise.resolve(loaded));
    return loaded;
  };

  return {
    current(realm, name) {
      return currents.get(journeyCacheKey(realm, name), async () => {
        const stored = await deps.journeys.current(realm, name);
        return stored === undefined ? undefined : remember(realm, stored);
      });
    },

    version(realm, name, revision) {
      const key = versionKey(realm, name, revision);
      const known = versions.get(key);
      if (known !== undefined) return known;
      const loading = deps.journeys.version(realm, name, revision).then((stored) => (stored === undefined ? undefined : loadedJourney(stored.revision, stored.definition, deps.nodes)));
      versions.set(key, loading);
      // A revision not found (purged) or not read (an outage) is asked again next time.
      const forget = (): void => {
        if (versions.get(key) === loading) versions.delete(key);
      };
      loading.then((journey) => journey === undefined && forget(), forget);
      return loading;
    },
  };
}
