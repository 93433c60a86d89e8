/**
 * The email outbox: every outgoing message, written before any delivery attempt, with its status,
 * attempt count, next attempt time and the lease of the worker that claimed it. The index on
 * (status, next_attempt_at) serves the workers' claim; the one on created_at the listings.
 */
import { sql } from 'kysely';
import type { StoreMigration } from './store-migration.ts';

/** Creates `email_outbox`. */
export const migration0003EmailOutbox: StoreMigration = {
  name: '0003-email-outbox',
  async up(db, dialect) {
    const json = dialect === 'postgres' ? sql`jsonb` : sql`text`;
    const key = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
    await db.schema
      .createTable('email_outbox')
      .addColumn('id', key, (col) => col.primaryKey())
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('message', json, (col) => col.notNull())
      .addColumn('template', 'text')
      .addColumn('locale', 'text')
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'bigint', (col) => col.notNull())
      .addColumn('lease', 'text')
      .addColumn('lease_expires_at', 'bigint')
      .addColumn('last_error', 'text')
      .addColumn('sent_at', 'bigint')
      .execute();
    await db.schema.createIndex('email_outbox_due').on('email_outbox').columns(['status', 'next_attempt_at']).execute();
    await db.schema.createIndex('email_outbox_created_at').on('email_outbox').columns(['created_at', 'id']).execute();
  },
};
