/**
 * OidcRecordRepository in memory: records copied in and out, keyed by realm, model and id; expiry
 * read on the store's clock. Inside the memory store the records live in the store's state
 * (`MemoryState.oidcRecords`), so they take part in `store.transaction`; `createMemoryOidcRecordRepository()`
 * alone keeps them in a map of its own (tests). The same contract suite as the SQL adapters.
 */
import type { OidcRecord, OidcRecordRepository } from '../../oidc/oidc-records.ts';
import type { StoreClock } from '../store-clock.ts';
import type { MemoryStateAccess } from './memory-state-access.ts';

/** The map key of a record: unambiguous whatever the names contain. */
export function oidcRecordSlot(realm: string, model: string, id: string): string {
  return JSON.stringify([realm, model, id]);
}

/** Only the fields of a record, copied now (nothing else the caller's object holds is kept). */
function row(record: OidcRecord): OidcRecord {
  const stored: OidcRecord = { realm: record.realm, model: record.model, id: record.id, payload: structuredClone(record.payload) };
  if (record.grantId !== undefined) stored.grantId = record.grantId;
  if (record.userCode !== undefined) stored.userCode = record.userCode;
  if (record.uid !== undefined) stored.uid = record.uid;
  if (record.expiresAt !== undefined) stored.expiresAt = Math.floor(record.expiresAt);
  if (record.consumedAt !== undefined) stored.consumedAt = Math.floor(record.consumedAt);
  return stored;
}

/** How the repository reaches its records: reads at once, writes as one synchronous change. */
interface OidcRecords {
  read(): Map<string, OidcRecord>;
  write<T>(change: (records: Map<string, OidcRecord>) => T): Promise<T>;
}

function repositoryOver(records: OidcRecords, clock: StoreClock): OidcRecordRepository {
  const live = (record: OidcRecord | undefined): record is OidcRecord => record !== undefined && (record.expiresAt === undefined || record.expiresAt > clock.now());
  return {
    async upsert(record) {
      const stored = row(record);
      await records.write((map) => void map.set(oidcRecordSlot(stored.realm, stored.model, stored.id), stored));
    },
    async find(realm, model, id) {
      const found = records.read().get(oidcRecordSlot(realm, model, id));
      return live(found) ? row(found) : undefined;
    },
    async findBy(realm, model, lookup, value) {
      const matches = [...records.read().values()].filter((record) => record.realm === realm && record.model === model && record[lookup] === value && live(record));
      matches.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const first = matches[0];
      return first === undefined ? undefined : row(first);
    },
    async consume(realm, model, id) {
      const key = oidcRecordSlot(realm, model, id);
      return records.write((map) => {
        const current = map.get(key);
        if (!live(current) || current.consumedAt !== undefined) return false;
        map.set(key, { ...current, consumedAt: clock.now() });
        return true;
      });
    },
    async destroy(realm, model, id) {
      return records.write((map) => map.delete(oidcRecordSlot(realm, model, id)));
    },
    async revokeByGrantId(realm, model, grantId) {
      return records.write((map) => {
        let removed = 0;
        for (const [key, record] of map) {
          if (record.realm === realm && record.model === model && record.grantId === grantId) {
            map.delete(key);
            removed += 1;
          }
        }
        return removed;
      });
    },
    async purgeExpired() {
      return records.write((map) => {
        let removed = 0;
        for (const [key, record] of map) {
          if (!live(record)) {
            map.delete(key);
            removed += 1;
          }
        }
        return removed;
      });
    },
  };
}

/** The OpenID provider records of the memory store's state that `access` reaches. */
export function memoryOidcRecordRepository(access: MemoryStateAccess, clock: StoreClock): OidcRecordRepository {
  return repositoryOver({ read: () => access.read().oidcRecords, write: (change) => access.write((state) => change(state.oidcRecords)) }, clock);
}

/** A repository over `records` of its own (a fresh map unless given), outside any store. */
export function createMemoryOidcRecordRepository(clock: StoreClock, records: Map<string, OidcRecord> = new Map()): OidcRecordRepository {
  return repositoryOver({ read: () => records, write: async (change) => change(records) }, clock);
}
