/** RealmRepository in memory: one JSON document per realm, listed by name in code point order; a delete takes the realm's journeys, keys, devices and OIDC records with it. */
import type { RealmRepository } from '../../config/ports.ts';
import type { RealmConfig } from '../../config/realm-config.ts';
import { storedRealmConfig } from '../../config/stored-realm-config.ts';
import { compareCodePoints } from '../../identity/query-filter/fold-case.ts';
import { fromJsonText, toJsonText } from './json-text.ts';
import type { MemoryStateAccess } from './memory-state-access.ts';

/** The realm stored as `text`; throws on a corrupt document. */
function parseRealm(text: string): RealmConfig {
  return storedRealmConfig(fromJsonText(text));
}

/** Realms in the state `access` reaches. */
export function memoryRealmRepository(access: MemoryStateAccess): RealmRepository {
  return {
    async list() {
      return [...access.read().realms].sort(([a], [b]) => compareCodePoints(a, b)).map(([, text]) => parseRealm(text));
    },

    async get(name) {
      const text = access.read().realms.get(name);
      return text === undefined ? undefined : parseRealm(text);
    },

    async put(realm) {
      const name = realm.name;
      const text = toJsonText(realm);
      await access.write((state) => {
        state.realms.set(name, text);
      });
    },

    async delete(name) {
      return access.write((state) => {
        if (!state.realms.delete(name)) return false;
        state.journeys.delete(name);
        for (const [key, value] of state.keys) if (value.realm === name) state.keys.delete(key);
        for (const [key, value] of state.keyPairs) if (value.realm === name) state.keyPairs.delete(key);
        for (const [key, value] of state.devices) if (value.realm === name) state.devices.delete(key);
        for (const [key, value] of state.oidcRecords) if (value.realm === name) state.oidcRecords.delete(key);
        return true;
      });
    },
  };
}
