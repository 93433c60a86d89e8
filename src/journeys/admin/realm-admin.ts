/**
 * Creating and deleting realms while Arbor runs (AM's `global-config/realms`).
 *
 * A created realm gets what a realm gets at the first start: its configuration (the defaults,
 * users of type `<name>_user`, IDM's default user schema), its default journeys (`defaults/<name>/`
 * when Arbor ships some, else alpha's, on the realm's own users), written with the realm in one
 * transaction; then its users' search indexes and each capability's `realmCreated` (MFA's and
 * social sign-in's journeys). Those later steps only add what is missing, as at every start.
 *
 * A deleted realm takes its data with it, in one transaction: its users (and its `<name>_role` and
 * `<name>_group` objects), every configuration document under `realm/<name>/` (scripts, clients,
 * social providers, staged nodes…), and through `RealmRepository.delete` its journeys with every
 * version, keys, devices and OpenID provider records; then its users' sessions are ended. The root
 * realm cannot be deleted.
 */
import type { RealmConfig } from '../../config/realm-config.ts';
import { defaultRealmConfig, identityResourceOf } from '../../config/realm-config.ts';
import type { Store } from '../../store/store.ts';
import type { JourneyDefinition } from '../engine/tree-model.ts';
import { defaultJourneys } from '../trees/default-journeys.ts';
import { realmAdminError } from './realm-admin-errors.ts';

/** What the realm administration uses. */
export interface RealmAdminDeps {
  store: Pick<Store, 'realms' | 'transaction'>;
  /** Indexes the searchable attributes of a user type (what the first start does for each realm). */
  ensureSearchIndexes(userType: string): Promise<unknown>;
  /** The capabilities' hooks for a new realm. */
  realmCreated: readonly ((realm: RealmConfig) => Promise<void>)[];
  /** Ends every session of a user (a deleted realm's users). */
  endSessionsOf(userType: string, userId: string, rememberMs: number): Promise<void>;
}

/** Realm creation and deletion. */
export interface RealmAdmin {
  create(name: string): Promise<RealmConfig>;
  delete(name: string): Promise<RealmConfig>;
}

/** New realm names: letters and digits (the user type `<name>_user` must be one IDM's default schema fits). */
const REALM_NAME = /^[A-Za-z0-9]{1,64}$/;

/** Names AM refuses for a realm (its REST endpoints), and Arbor's own path words. */
const RESERVED = new Set(
  'root agents api applications applicationtypes authenticate cache conditiontypes dashboard decisioncombiners docs email global-audit global-config groups health metrics policies push realm-audit realm-config realms records resourcetypes scripts selfservice serverinfo sessions subjectattributes subjecttypes things timetravel token tokens users'.split(' '),
);

/** The journeys a new realm starts with: Arbor's defaults for that name, else alpha's on the realm's users. */
async function startingJourneys(realm: RealmConfig): Promise<JourneyDefinition[]> {
  const own = await defaultJourneys(realm.name);
  if (own.length > 0) return own;
  const template = identityResourceOf(defaultRealmConfig('alpha'));
  const resource = identityResourceOf(realm);
  return (await defaultJourneys('alpha')).map((journey) => {
    const copy = structuredClone(journey);
    if (copy.tree.identityResource === template) copy.tree.identityResource = resource;
    for (const node of Object.values(copy.nodes)) if (node.identityResource === template) node.identityResource = resource;
    return copy;
  });
}

const PAGE = 500;
const MINUTE_MS = 60_000;

/** Makes the realm administration. */
export function createRealmAdmin(deps: RealmAdminDeps): RealmAdmin {
  const { store } = deps;
  return {
    async create(name) {
      if (!REALM_NAME.test(name)) throw realmAdminError('REALM_INVALID', `'${name.slice(0, 64)}' is not a realm name: 1 to 64 letters and digits`);
      if (RESERVED.has(name.toLowerCase())) throw realmAdminError('REALM_INVALID', `'${name}' is a reserved name`);
      const realm = defaultRealmConfig(name);
      const journeys = await startingJourneys(realm);
      await store.transaction(async (tx) => {
        const existing = await tx.realms.list();
        const clash = existing.find((other) => other.name.toLowerCase() === name.toLowerCase() || other.userType === realm.userType);
        if (clash !== undefined) throw realmAdminError('REALM_EXISTS', `A realm named '${clash.name}' exists already`);
        await tx.realms.put(realm);
        for (const journey of journeys) if ((await tx.journeys.get(name, journey.tree._id)) === undefined) await tx.journeys.put(name, journey);
      });
      await deps.ensureSearchIndexes(realm.userType);
      for (const hook of deps.realmCreated) await hook(realm);
      return realm;
    },

    async delete(name) {
      if (name === 'root') throw realmAdminError('REALM_ROOT', 'The root realm cannot be deleted');
      const users: string[] = [];
      const realm = await store.transaction(async (tx) => {
        const found = await tx.realms.get(name);
        if (found === undefined) throw realmAdminError('REALM_NOT_FOUND', `No realm named '${name.slice(0, 64)}'`);
        const prefix = found.userType.endsWith('_user') ? found.userType.slice(0, -'_user'.length) : undefined;
        const types = [found.userType, ...(prefix === undefined ? [] : [`${prefix}_role`, `${prefix}_group`])];
        for (const type of types) {
          for (;;) {
            const page = await tx.managedObjects.list(type, { limit: PAGE, offset: 0 });
            if (page.items.length === 0) break;
            for (const item of page.items) {
              await tx.managedObjects.delete(type, item.id);
              if (type === found.userType) users.push(item.id);
            }
          }
        }
        for (const id of await tx.configs.list(`realm/${name}/`)) await tx.configs.delete(id);
        // Deleted one by one first so that the journeys' caches hear of it; the realm's delete takes every version.
        for (const journey of await tx.journeys.list(name)) await tx.journeys.delete(name, journey);
        if (tx.realms.delete === undefined) throw new Error('this store cannot delete realms');
        await tx.realms.delete(name);
        return found;
      });
      const rememberMs = Math.max(defaultRealmConfig('root').sessions.maxSessionMinutes, realm.sessions.maxSessionMinutes) * MINUTE_MS;
      for (const id of users) await deps.endSessionsOf(realm.userType, id, rememberMs);
      return realm;
    },
  };
}
