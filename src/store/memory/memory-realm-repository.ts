/** RealmRepository in memory: one JSON document per realm, listed by name in code point order. */
import type { RealmRepository } from '../../config/ports.ts';
import type { RealmConfig } from '../../config/realm-config.ts';
import { compareCodePoints } from '../../identity/query-filter/fold-case.ts';
import { fromJsonText, isJsonObject, toJsonText } from './json-text.ts';
import type { MemoryStateAccess } from './memory-state-access.ts';

/** The stored document has the shape of a realm configuration (it was one when it was put). */
function isRealmConfig(value: unknown): value is RealmConfig {
  return (
    isJsonObject(value) &&
    typeof value['name'] === 'string' &&
    typeof value['userType'] === 'string' &&
    isJsonObject(value['lockout']) &&
    isJsonObject(value['sessions']) &&
    isJsonObject(value['journeys'])
  );
}

function parseRealm(text: string): RealmConfig {
  const value = fromJsonText(text);
  if (!isRealmConfig(value)) throw new Error('stored realm configuration is not a realm configuration');
  return value;
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
  };
}
