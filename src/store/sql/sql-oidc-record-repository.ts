/**
 * OidcRecordRepository on SQL (`oidc_records`, migration 0009). An upsert is one INSERT … ON
 * CONFLICT DO UPDATE; a consume is one `UPDATE … WHERE consumed_at IS NULL` on a live row, so of
 * two concurrent consumers exactly one changes the row (the other sees no row updated). Expiry is
 * read on the store's clock: expired rows are never returned and `purgeExpired` deletes them.
 */
import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import type { OidcRecord, OidcRecordLookup, OidcRecordRepository } from '../../oidc/oidc-records.ts';
import type { StoreClock } from '../store-clock.ts';
import type { Database, OidcRecordsTable } from './database.ts';
import { decodeJsonObject, encodeJson, int64 } from './json-column.ts';

const LOOKUP_COLUMNS = { grantId: 'grant_id', userCode: 'user_code', uid: 'uid' } as const satisfies Record<OidcRecordLookup, keyof OidcRecordsTable>;

function toRecord(row: Selectable<OidcRecordsTable>): OidcRecord {
  const record: OidcRecord = { realm: row.realm, model: row.model, id: row.id, payload: decodeJsonObject(row.payload) };
  if (row.grant_id !== null) record.grantId = row.grant_id;
  if (row.user_code !== null) record.userCode = row.user_code;
  if (row.uid !== null) record.uid = row.uid;
  if (row.expires_at !== null) record.expiresAt = int64(row.expires_at);
  if (row.consumed_at !== null) record.consumedAt = int64(row.consumed_at);
  return record;
}

function whole(value: number | undefined): number | null {
  return value === undefined ? null : Math.floor(value);
}

/** OpenID provider records on `db` (a Kysely instance or a transaction); expiry on `clock`. */
export function sqlOidcRecordRepository(db: Kysely<Database>, clock: StoreClock): OidcRecordRepository {
  const live = (now: number) => (eb: ExpressionBuilder<Database, 'oidc_records'>) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]);
  return {
    async upsert(record) {
      const values = {
        payload: encodeJson(record.payload),
        grant_id: record.grantId ?? null,
        user_code: record.userCode ?? null,
        uid: record.uid ?? null,
        expires_at: whole(record.expiresAt),
        consumed_at: whole(record.consumedAt),
      };
      await db
        .insertInto('oidc_records')
        .values({ realm: record.realm, model: record.model, id: record.id, ...values })
        .onConflict((oc) => oc.columns(['realm', 'model', 'id']).doUpdateSet(values))
        .execute();
    },

    async find(realm, model, id) {
      const row = await db.selectFrom('oidc_records').selectAll().where('realm', '=', realm).where('model', '=', model).where('id', '=', id).where(live(clock.now())).executeTakeFirst();
      return row === undefined ? undefined : toRecord(row);
    },

    async findBy(realm, model, lookup, value) {
      const row = await db
        .selectFrom('oidc_records')
        .selectAll()
        .where('realm', '=', realm)
        .where('model', '=', model)
        .where(LOOKUP_COLUMNS[lookup], '=', value)
        .where(live(clock.now()))
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      return row === undefined ? undefined : toRecord(row);
    },

    async consume(realm, model, id) {
      const now = clock.now();
      const result = await db
        .updateTable('oidc_records')
        .set({ consumed_at: now })
        .where('realm', '=', realm)
        .where('model', '=', model)
        .where('id', '=', id)
        .where('consumed_at', 'is', null)
        .where(live(now))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async destroy(realm, model, id) {
      const result = await db.deleteFrom('oidc_records').where('realm', '=', realm).where('model', '=', model).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async revokeByGrantId(realm, model, grantId) {
      const result = await db.deleteFrom('oidc_records').where('realm', '=', realm).where('model', '=', model).where('grant_id', '=', grantId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async purgeExpired() {
      const result = await db.deleteFrom('oidc_records').where('expires_at', 'is not', null).where('expires_at', '<=', clock.now()).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
