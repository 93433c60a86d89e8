/**
 * DeviceRepository in memory: records copied in and out, keyed by realm, user, kind and id; an
 * update lands only on the revision it was read at. Inside the memory store the records live in
 * the store's state (`MemoryState.devices`), so they take part in `store.transaction` like every
 * other repository; `createMemoryDeviceRepository()` alone keeps them in a map of its own (node
 * tests). The same contract suite as the SQL adapters.
 */
import type { DeviceKind, DeviceRecord } from '../../devices/device-record.ts';
import type { DeviceRepository } from '../../devices/device-repository.ts';
import { deviceError } from '../../devices/device-errors.ts';
import type { MemoryStateAccess } from './memory-state-access.ts';

/** The map key of a record: unambiguous whatever the names contain. */
export function deviceSlot(realm: string, userId: string, kind: DeviceKind, id: string): string {
  return JSON.stringify([realm, userId, kind, id]);
}

function copy(record: DeviceRecord): DeviceRecord {
  return structuredClone(record);
}

/** Only the fields of a record (nothing else the caller's object holds is kept), copied now. */
function row(record: Omit<DeviceRecord, 'revision'>, revision: number): DeviceRecord {
  const stored: DeviceRecord = {
    realm: record.realm,
    userId: record.userId,
    kind: record.kind,
    id: record.id,
    deviceName: record.deviceName,
    createdDate: Math.floor(record.createdDate),
    lastAccessDate: Math.floor(record.lastAccessDate),
    data: structuredClone(record.data),
    revision,
  };
  if (record.sealedSecret !== undefined) stored.sealedSecret = record.sealedSecret;
  return stored;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** How the repository reaches its records: reads at once, writes as one synchronous change. */
interface DeviceRecords {
  read(): Map<string, DeviceRecord>;
  write<T>(change: (records: Map<string, DeviceRecord>) => T): Promise<T>;
}

function repositoryOver(records: DeviceRecords): DeviceRepository {
  return {
    async create(record) {
      const stored = row(record, 1);
      const key = deviceSlot(stored.realm, stored.userId, stored.kind, stored.id);
      await records.write((map) => {
        if (map.has(key)) throw deviceError('DEVICE_EXISTS', `The user already has a ${stored.kind} device ${stored.id}`);
        map.set(key, stored);
      });
      return copy(stored);
    },
    async get(realm, userId, kind, id) {
      const found = records.read().get(deviceSlot(realm, userId, kind, id));
      return found === undefined ? undefined : copy(found);
    },
    async list(realm, userId, kind) {
      return [...records.read().values()]
        .filter((record) => record.realm === realm && record.userId === userId && (kind === undefined || record.kind === kind))
        .sort((a, b) => a.createdDate - b.createdDate || compareIds(a.id, b.id))
        .map(copy);
    },
    async update(record) {
      const key = deviceSlot(record.realm, record.userId, record.kind, record.id);
      const changed = structuredClone(record);
      return records.write((map) => {
        const current = map.get(key);
        if (current === undefined || current.revision !== changed.revision) return undefined;
        const stored = row({ ...changed, createdDate: current.createdDate }, current.revision + 1);
        map.set(key, stored);
        return copy(stored);
      });
    },
    async delete(realm, userId, kind, id) {
      return records.write((map) => map.delete(deviceSlot(realm, userId, kind, id)));
    },
    async deleteAllOf(realm, userId) {
      return records.write((map) => {
        let removed = 0;
        for (const [key, record] of map) {
          if (record.realm === realm && record.userId === userId) {
            map.delete(key);
            removed += 1;
          }
        }
        return removed;
      });
    },
  };
}

/** The device records of the memory store's state that `access` reaches. */
export function memoryDeviceRepository(access: MemoryStateAccess): DeviceRepository {
  return repositoryOver({ read: () => access.read().devices, write: (change) => access.write((state) => change(state.devices)) });
}

/** A repository over `records` of its own (a fresh map unless given), outside any store. */
export function createMemoryDeviceRepository(records: Map<string, DeviceRecord> = new Map()): DeviceRepository {
  return repositoryOver({ read: () => records, write: async (change) => change(records) });
}
