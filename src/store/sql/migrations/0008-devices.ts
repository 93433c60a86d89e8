/**
 * Users' registered devices (authenticator apps, WebAuthn credentials, device profiles, recovery
 * codes): `devices`, one row per device, keyed by (realm, user_id, kind, id); `data` is the JSON a
 * REST answer may show, `sealed_secret` the master-key-sealed secret fields (null for devices
 * without secrets), `revision` the compare-and-set counter. The index serves a user's listing,
 * oldest first, and the removal of all of a user's devices.
 */
import { sql } from 'kysely';
import type { StoreMigration } from './store-migration.ts';

/** Creates `devices`. */
export const migration0008Devices: StoreMigration = {
  name: '0008-devices',
  async up(db, dialect) {
    const json = dialect === 'postgres' ? sql`jsonb` : sql`text`;
    const key = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
    await db.schema
      .createTable('devices')
      .addColumn('realm', key, (col) => col.notNull())
      .addColumn('user_id', key, (col) => col.notNull())
      .addColumn('kind', key, (col) => col.notNull())
      .addColumn('id', key, (col) => col.notNull())
      .addColumn('device_name', 'text', (col) => col.notNull())
      .addColumn('created_date', 'bigint', (col) => col.notNull())
      .addColumn('last_access_date', 'bigint', (col) => col.notNull())
      .addColumn('data', json, (col) => col.notNull())
      .addColumn('sealed_secret', 'text')
      .addColumn('revision', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('devices_pk', ['realm', 'user_id', 'kind', 'id'])
      .execute();
    await db.schema.createIndex('devices_by_user').on('devices').columns(['realm', 'user_id', 'created_date', 'id']).execute();
  },
};
