/**
 * A store seen through buffered writes: reads answer what the store holds with the staged writes
 * laid over it, writes are kept in memory. An import runs every existing service (their checks
 * included) against it, so that nothing reaches the store until everything passed; `applyStaged`
 * then writes what was staged in one store transaction.
 */
import type { ConfigRepository, RealmRepository } from '../config/ports.ts';
import type { RealmConfig } from '../config/realm-config.ts';
import type { JourneyDefinition } from '../journeys/engine/tree-model.ts';
import type { JourneyRepository } from '../journeys/ports.ts';
import type { DurableRepositories } from '../store/store.ts';

/** What config as code reads and writes. */
export interface ConfigView {
  configs: ConfigRepository;
  journeys: JourneyRepository;
  realms: RealmRepository;
}

/** A staged deletion. */
const DELETED = Symbol('deleted');
type Staged<T> = T | typeof DELETED;

/** The view with staged writes, and what it staged. */
export interface StagedStore extends ConfigView {
  transaction<T>(work: (tx: ConfigView) => Promise<T>): Promise<T>;
  readonly configWrites: ReadonlyMap<string, Staged<unknown>>;
  readonly journeyWrites: ReadonlyMap<string, Staged<JourneyDefinition>>;
  readonly realmWrites: ReadonlyMap<string, RealmConfig>;
}

const journeyKey = (realm: string, name: string): string => `${realm}\u0000${name}`;

/** `base` with writes staged in memory. */
export function stagedStore(base: ConfigView): StagedStore {
  const configWrites = new Map<string, Staged<unknown>>();
  const journeyWrites = new Map<string, Staged<JourneyDefinition>>();
  const realmWrites = new Map<string, RealmConfig>();

  const configs: ConfigRepository = {
    async get(id) {
      const staged = configWrites.get(id);
      if (staged === DELETED) return undefined;
      return staged === undefined ? base.configs.get(id) : structuredClone(staged);
    },
    async put(id, value) {
      configWrites.set(id, structuredClone(value));
    },
    async delete(id) {
      const existed = (await configs.get(id)) !== undefined;
      configWrites.set(id, DELETED);
      return existed;
    },
    async list(prefix) {
      const ids = new Set(await base.configs.list(prefix));
      for (const [id, staged] of configWrites) {
        if (!id.startsWith(prefix)) continue;
        if (staged === DELETED) ids.delete(id);
        else ids.add(id);
      }
      return [...ids].sort();
    },
  };

  const journeys: JourneyRepository = {
    async get(realm, name) {
      const staged = journeyWrites.get(journeyKey(realm, name));
      if (staged === DELETED) return undefined;
      return staged === undefined ? base.journeys.get(realm, name) : structuredClone(staged);
    },
    async current(realm, name) {
      const staged = journeyWrites.get(journeyKey(realm, name));
      if (staged === DELETED) return undefined;
      return staged === undefined ? base.journeys.current(realm, name) : { revision: 0, definition: structuredClone(staged) };
    },
    version: (realm, name, revision) => base.journeys.version(realm, name, revision),
    async put(realm, definition) {
      journeyWrites.set(journeyKey(realm, definition.tree._id), structuredClone(definition));
      return 0;
    },
    async list(realm) {
      const names = new Set(await base.journeys.list(realm));
      for (const [key, staged] of journeyWrites) {
        const [owner, name] = key.split('\u0000');
        if (owner !== realm || name === undefined) continue;
        if (staged === DELETED) names.delete(name);
        else names.add(name);
      }
      return [...names].sort();
    },
    async delete(realm, name) {
      const existed = (await journeys.get(realm, name)) !== undefined;
      journeyWrites.set(journeyKey(realm, name), DELETED);
      return existed;
    },
    async purgeVersions() {
      return 0;
    },
  };

  const realms: RealmRepository = {
    async list() {
      const byName = new Map((await base.realms.list()).map((realm) => [realm.name, realm]));
      for (const [name, realm] of realmWrites) byName.set(name, structuredClone(realm));
      return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
    },
    async get(name) {
      const staged = realmWrites.get(name);
      return staged === undefined ? base.realms.get(name) : structuredClone(staged);
    },
    async put(realm) {
      realmWrites.set(realm.name, structuredClone(realm));
    },
  };

  const store: StagedStore = {
    configs,
    journeys,
    realms,
    configWrites,
    journeyWrites,
    realmWrites,
    transaction: (work) => work(store),
  };
  return store;
}

/** True when something was staged. */
export function hasStagedWrites(staged: StagedStore): boolean {
  return staged.configWrites.size + staged.journeyWrites.size + staged.realmWrites.size > 0;
}

/** Writes what `staged` holds through `tx` (one store transaction's repositories). */
export async function applyStaged(staged: StagedStore, tx: Pick<DurableRepositories, 'configs' | 'journeys' | 'realms'>): Promise<void> {
  for (const realm of staged.realmWrites.values()) await tx.realms.put(realm);
  for (const [id, value] of staged.configWrites) {
    if (value === DELETED) await tx.configs.delete(id);
    else await tx.configs.put(id, value);
  }
  for (const [key, definition] of staged.journeyWrites) {
    const [realm = '', name = ''] = key.split('\u0000');
    if (definition === DELETED) await tx.journeys.delete(realm, name);
    else await tx.journeys.put(realm, definition);
  }
}
