/**
 * The initial schema: managed objects and their search indexes, realms, configuration documents,
 * journeys, realm keys and ephemeral values. One schema builder for both dialects; raw SQL only for
 * the types that differ (JSON: TEXT / JSONB; keys: binary-ordered text on PostgreSQL too).
 */
import { sql } from 'kysely';
import type { SqlDialectName } from '../database.ts';
import type { StoreMigration } from './store-migration.ts';

function columnTypes(dialect: SqlDialectName) {
  return {
    json: dialect === 'postgres' ? sql`jsonb` : sql`text`,
    // "C" collation: ids sort by code point on PostgreSQL as they do on SQLite, so pages agree.
    key: dialect === 'postgres' ? sql`text collate "C"` : sql`text`,
  };
}

/** Creates every table of the initial schema. */
export const migration0001Initial: StoreMigration = {
  name: '0001-initial',
  async up(db, dialect) {
    const { json, key } = columnTypes(dialect);

    await db.schema
      .createTable('managed_objects')
      .addColumn('type', key, (col) => col.notNull())
      .addColumn('id', key, (col) => col.notNull())
      .addColumn('rev', 'bigint', (col) => col.notNull())
      .addColumn('data', json, (col) => col.notNull())
      .addColumn('meta', json, (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('managed_objects_pk', ['type', 'id'])
      .execute();

    await db.schema
      .createTable('managed_object_search_indexes')
      .addColumn('type', key, (col) => col.notNull())
      .addColumn('attribute', key, (col) => col.notNull())
      .addColumn('index_name', 'text', (col) => col.notNull().unique())
      .addPrimaryKeyConstraint('managed_object_search_indexes_pk', ['type', 'attribute'])
      .execute();

    await db.schema
      .createTable('realms')
      .addColumn('name', key, (col) => col.primaryKey())
      .addColumn('config', json, (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('configs')
      .addColumn('id', key, (col) => col.primaryKey())
      .addColumn('value', json, (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('journeys')
      .addColumn('realm', key, (col) => col.notNull())
      .addColumn('name', key, (col) => col.notNull())
      .addColumn('definition', json, (col) => col.notNull())
      .addPrimaryKeyConstraint('journeys_pk', ['realm', 'name'])
      .execute();

    await db.schema
      .createTable('realm_keys')
      .addColumn('realm', key, (col) => col.notNull())
      .addColumn('purpose', key, (col) => col.notNull())
      .addColumn('kid', key, (col) => col.notNull())
      .addColumn('material', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull())
      .addUniqueConstraint('realm_keys_realm_purpose_kid_key', ['realm', 'purpose', 'kid'])
      .execute();

    await db.schema
      .createTable('ephemeral')
      .addColumn('key', key, (col) => col.primaryKey())
      .addColumn('value', 'text', (col) => col.notNull())
      .addColumn('expires_at', 'bigint', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('ephemeral_expires_at').on('ephemeral').column('expires_at').execute();
  },
};
