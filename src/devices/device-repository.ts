/**
 * The port of device records (`device-record.ts`): one table of its own per store, with an
 * in-memory adapter and SQL adapters (SQLite, PostgreSQL) that pass the same contract suite
 * (`src/store/contract/device-repository.contract.ts`).
 */
import type { DeviceKind, DeviceRecord } from './device-record.ts';

/** Stores device records. */
export interface DeviceRepository {
  /** Adds a record (revision 1); DEVICE_EXISTS when the user already has a device of that kind with that id. */
  create(record: Omit<DeviceRecord, 'revision'>): Promise<DeviceRecord>;
  /** The record, or undefined. */
  get(realm: string, userId: string, kind: DeviceKind, id: string): Promise<DeviceRecord | undefined>;
  /** The user's records of `kind` (every kind when absent), oldest first. */
  list(realm: string, userId: string, kind?: DeviceKind): Promise<DeviceRecord[]>;
  /**
   * Replaces the record's `deviceName`, `lastAccessDate`, `data` and `sealedSecret` when its stored
   * revision is still `record.revision`; the stored record (revision + 1), or undefined when it
   * changed meanwhile or is gone (the caller lost a race: a used code, a counter).
   */
  update(record: DeviceRecord): Promise<DeviceRecord | undefined>;
  /** Removes one record; false when there was none. */
  delete(realm: string, userId: string, kind: DeviceKind, id: string): Promise<boolean>;
  /** Removes every record of the user (their account is deleted); how many there were. */
  deleteAllOf(realm: string, userId: string): Promise<number>;
}
