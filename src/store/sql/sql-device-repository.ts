/**
 * DeviceRepository on SQL (`devices`, migration 0008). A new device is inserted with
 * ON CONFLICT DO NOTHING, so a taken id is DEVICE_EXISTS without aborting an enclosing
 * PostgreSQL transaction (and a unique violation a driver still reports is mapped the same way);
 * an update is one `UPDATE … WHERE revision = ?` (compare-and-set): of two writers that read the
 * same revision, one lands and the other gets undefined.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import { DEVICE_KINDS, type DeviceKind, type DeviceRecord } from '../../devices/device-record.ts';
import type { DeviceRepository } from '../../devices/device-repository.ts';
import { deviceError } from '../../devices/device-errors.ts';
import type { Database, DevicesTable } from './database.ts';
import { decodeJsonObject, encodeJson, int64 } from './json-column.ts';

function isKind(value: string): value is DeviceKind {
  return (DEVICE_KINDS as readonly string[]).includes(value);
}

function toRecord(row: Selectable<DevicesTable>): DeviceRecord {
  const { kind } = row;
  if (!isKind(kind)) throw new Error(`stored device ${row.id} has an unknown kind`);
  const record: DeviceRecord = {
    realm: row.realm,
    userId: row.user_id,
    kind,
    id: row.id,
    deviceName: row.device_name,
    createdDate: int64(row.created_date),
    lastAccessDate: int64(row.last_access_date),
    data: decodeJsonObject(row.data),
    revision: int64(row.revision),
  };
  if (row.sealed_secret !== null) record.sealedSecret = row.sealed_secret;
  return record;
}

/** True for a unique (primary key) violation, as SQLite and PostgreSQL report it. */
function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if ((error as Error & { code?: unknown }).code === '23505') return true;
  return /UNIQUE constraint failed|PRIMARY KEY constraint failed/.test(error.message);
}

/** Device records on `db` (a Kysely instance or a transaction). */
export function sqlDeviceRepository(db: Kysely<Database>): DeviceRepository {
  const exists = (record: Pick<DeviceRecord, 'kind' | 'id'>): Error => deviceError('DEVICE_EXISTS', `The user already has a ${record.kind} device ${record.id}`);
  return {
    async create(record) {
      const inserted = await db
        .insertInto('devices')
        .values({
          realm: record.realm,
          user_id: record.userId,
          kind: record.kind,
          id: record.id,
          device_name: record.deviceName,
          created_date: Math.floor(record.createdDate),
          last_access_date: Math.floor(record.lastAccessDate),
          data: encodeJson(record.data),
          sealed_secret: record.sealedSecret ?? null,
          revision: 1,
        })
        .onConflict((oc) => oc.columns(['realm', 'user_id', 'kind', 'id']).doNothing())
        .returningAll()
        .executeTakeFirst()
        .catch((error: unknown) => {
          throw isUniqueViolation(error) ? exists(record) : error;
        });
      if (inserted === undefined) throw exists(record);
      return toRecord(inserted);
    },

    async get(realm, userId, kind, id) {
      const row = await db.selectFrom('devices').selectAll().where('realm', '=', realm).where('user_id', '=', userId).where('kind', '=', kind).where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toRecord(row);
    },

    async list(realm, userId, kind) {
      let query = db.selectFrom('devices').selectAll().where('realm', '=', realm).where('user_id', '=', userId);
      if (kind !== undefined) query = query.where('kind', '=', kind);
      const rows = await query.orderBy('created_date').orderBy('id').execute();
      return rows.map(toRecord);
    },

    async update(record) {
      const row = await db
        .updateTable('devices')
        .set({
          device_name: record.deviceName,
          last_access_date: Math.floor(record.lastAccessDate),
          data: encodeJson(record.data),
          sealed_secret: record.sealedSecret ?? null,
          revision: sql<number>`revision + 1`,
        })
        .where('realm', '=', record.realm)
        .where('user_id', '=', record.userId)
        .where('kind', '=', record.kind)
        .where('id', '=', record.id)
        .where('revision', '=', record.revision)
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? undefined : toRecord(row);
    },

    async delete(realm, userId, kind, id) {
      const result = await db.deleteFrom('devices').where('realm', '=', realm).where('user_id', '=', userId).where('kind', '=', kind).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async deleteAllOf(realm, userId) {
      const result = await db.deleteFrom('devices').where('realm', '=', realm).where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
