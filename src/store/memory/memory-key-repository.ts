/**
 * KeyRepository in memory: realm keys, unique per (realm, purpose, kid), listed oldest first then
 * by kid; key pairs unique per (realm, kid), one active per (realm, purpose, series), replaced in
 * one synchronous write (as the SQL stores do in one transaction).
 */
import { compareCodePoints } from '../../identity/query-filter/fold-case.ts';
import type { KeyRepository, StoredKey, StoredKeyPair } from '../../secrets/ports.ts';
import type { MemoryStateAccess } from './memory-state-access.ts';

function byAge(a: { createdAt: number; kid: string }, b: { createdAt: number; kid: string }): number {
  return a.createdAt - b.createdAt || compareCodePoints(a.kid, b.kid);
}

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
        .sort(byAge)
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

    async listKeyPairs(realm) {
      return [...access.read().keyPairs.values()]
        .filter((pair) => pair.realm === realm)
        .sort(byAge)
        .map((pair): StoredKeyPair => ({ ...pair }));
    },

    async replaceActiveKeyPair(key, replacing) {
      // Only the columns of `realm_key_pairs`, copied now.
      const row: StoredKeyPair = {
        realm: key.realm,
        purpose: key.purpose,
        series: key.series,
        kid: key.kid,
        material: key.material,
        publicJwk: key.publicJwk,
        createdAt: Math.floor(key.createdAt),
        status: 'active',
        publishedUntil: undefined,
      };
      const until = replacing === undefined ? undefined : Math.floor(replacing.publishedUntil);
      return access.write((state) => {
        if (state.keyPairs.has(slot(row.realm, '', row.kid))) return false;
        const series = [...state.keyPairs.entries()].filter(([, pair]) => pair.realm === row.realm && pair.purpose === row.purpose && pair.series === row.series);
        const active = series.find(([, pair]) => pair.status === 'active');
        if (active?.[1].kid !== replacing?.kid) return false;
        if (active !== undefined) state.keyPairs.set(active[0], Object.freeze({ ...active[1], status: 'retired', publishedUntil: until }));
        state.keyPairs.set(slot(row.realm, '', row.kid), Object.freeze(row));
        for (const [at, pair] of series) {
          if (pair.status === 'retired' && pair.publishedUntil !== undefined && pair.publishedUntil <= row.createdAt) state.keyPairs.delete(at);
        }
        return true;
      });
    },
  };
}
