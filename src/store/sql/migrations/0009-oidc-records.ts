/**
 * The OpenID provider's durable records (grants, refresh tokens): `oidc_records`, one row per
 * record, keyed by (realm, model, id); `payload` is the model's JSON as text, `grant_id`,
 * `user_code` and `uid` the secondary lookups (null when the record has none), `expires_at` and
 * `consumed_at` epoch milliseconds (null: never expires / not consumed). Partial indexes serve the
 * lookups per realm and model, and one on `expires_at` the purge of expired records.
 */
import { sql } from 'kysely';
import type { StoreMigration } from './store-migration.ts';

/** Creates `oidc_records`. */
export const migration0009OidcRecords: StoreMigration = {
  name: '0009-oidc-records',
  async up(db, dialect) {
    const key = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
    await db.schema
      .createTable('oidc_records')
      .addColumn('realm', key, (col) => col.notNull())
      .addColumn('model', key, (col) => col.notNull())
      .addColumn('id', key, (col) => col.notNull())
      .addColumn('payload', 'text', (col) => col.notNull())
      .addColumn('grant_id', key)
      .addColumn('user_code', key)
      .addColumn('uid', key)
      .addColumn('expires_at', 'bigint')
      .addColumn('consumed_at', 'bigint')
      .addPrimaryKeyConstraint('oidc_records_pk', ['realm', 'model', 'id'])
      .execute();
    for (const [name, column] of [
      ['oidc_records_by_grant', 'grant_id'],
      ['oidc_records_by_user_code', 'user_code'],
      ['oidc_records_by_uid', 'uid'],
    ] as const) {
      await db.schema.createIndex(name).on('oidc_records').columns(['realm', 'model', column]).where(sql.ref(column), 'is not', null).execute();
    }
    await db.schema.createIndex('oidc_records_by_expiry').on('oidc_records').column('expires_at').where(sql.ref('expires_at'), 'is not', null).execute();
  },
};
