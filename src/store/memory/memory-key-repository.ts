/** KeyRepository in memory: realm keys, unique per (realm, purpose, kid), listed oldest first then by kid. */
import { compareCodePoints } from '../../identity/query-filter/fold-case.ts';
import type { KeyRepository, StoredKey } from '../../secrets/ports.ts';
import type { MemoryStateAccess } from './memory-state-access.ts';

/** The key of a realm key in the state's map: unambiguous whatever the names contain. */
function slot(realm: string, purpose: string, kid: string): string {
  return JSON.stringify([realm, purpose, kid]);
}

/** Realm keys in the state `access` reaches. */
export function memoryKeyRepository(access: MemoryStateAccess): KeyRepository {
  return {
    async list(realm, purpose) {
      return [...access.read().keys.values()]
        .filter((key) => key.realm === realm && key.purpose === purpose)
        .sort((a, b) => a.createdAt - b.createdAt || compareCodePoints(a.kid, b.kid))
        .map((key): StoredKey => ({ ...key }));
    },

    async insertIfAbsent(key) {
      // Only the columns of `realm_keys`, copied now: nothing else the caller's object holds is kept.
      const row: StoredKey = { realm: key.realm, purpose: key.purpose, kid: key.kid, material: key.material, createdAt: Math.floor(key.createdAt), status: key.status };
      await access.write((state) => {
        const at = slot(row.realm, row.purpose, row.kid);
        if (!state.keys.has(at)) state.keys.set(at, Object.freeze(row));
      });
    },
  };
}
