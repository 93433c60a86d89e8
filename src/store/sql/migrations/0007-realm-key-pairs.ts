/**
 * Asymmetric realm keys (the relying party's signing, encryption and mTLS keys): `realm_key_pairs`,
 * one row per key, unique per (realm, kid); a partial unique index keeps one `active` key per
 * (realm, purpose, series), so that processes racing to create or rotate a key agree on one.
 */
import { sql } from 'kysely';
import type { StoreMigration } from './store-migration.ts';

/** Creates `realm_key_pairs`. */
export const migration0007RealmKeyPairs: StoreMigration = {
  name: '0007-realm-key-pairs',
  async up(db, dialect) {
    const key = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
    await db.schema
      .createTable('realm_key_pairs')
      .addColumn('realm', key, (col) => col.notNull())
      .addColumn('purpose', key, (col) => col.notNull())
      .addColumn('series', key, (col) => col.notNull())
      .addColumn('kid', key, (col) => col.notNull())
      .addColumn('material', 'text', (col) => col.notNull())
      .addColumn('public_jwk', 'text', (col) => col.notNull())
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('published_until', 'bigint')
      .addPrimaryKeyConstraint('realm_key_pairs_pk', ['realm', 'kid'])
      .execute();
    await sql`create unique index realm_key_pairs_one_active on realm_key_pairs (realm, purpose, series) where status = 'active'`.execute(db);
  },
};
