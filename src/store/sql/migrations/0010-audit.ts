/**
 * Audit events: `audit_events`, one row per event, keyed by id; `topic` and `realm` (null for
 * events of no realm) are what listings select on, `at` (epoch milliseconds) orders them and is
 * what the retention purge deletes by, `event` is the whole event as JSON text. One index serves
 * the listing of a topic newest first, one the listing of a topic in one realm, one the purge.
 */
import { sql } from 'kysely';
import type { StoreMigration } from './store-migration.ts';

/** Creates `audit_events`. */
export const migration0010Audit: StoreMigration = {
  name: '0010-audit',
  async up(db, dialect) {
    const key = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
    await db.schema
      .createTable('audit_events')
      .addColumn('id', key, (col) => col.notNull().primaryKey())
      .addColumn('topic', key, (col) => col.notNull())
      .addColumn('realm', key)
      .addColumn('at', 'bigint', (col) => col.notNull())
      .addColumn('event', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('audit_events_by_topic').on('audit_events').columns(['topic', 'at', 'id']).execute();
    await db.schema.createIndex('audit_events_by_realm').on('audit_events').columns(['topic', 'realm', 'at', 'id']).execute();
    await db.schema.createIndex('audit_events_by_age').on('audit_events').column('at').execute();
  },
};
