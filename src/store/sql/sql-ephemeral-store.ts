/**
 * EphemeralStore on SQL. Expired rows count as absent everywhere and are removed by `purgeExpired`;
 * `consume`, `increment` and `replaceIfPresent` are single statements, so they stay atomic across
 * processes.
 */
import { sql, type Kysely } from 'kysely';
import type { EphemeralStore } from '../ephemeral-store.ts';
import type { StoreClock } from '../store-clock.ts';
import type { Database } from './database.ts';

/** Epoch milliseconds as an integer: BIGINT columns refuse fractions on PostgreSQL. */
function millis(value: number): number {
  return Math.ceil(value);
}

/** Ephemeral values in the `ephemeral` table of `db`, with expiry read from `clock`. */
export function sqlEphemeralStore(db: Kysely<Database>, clock: StoreClock): EphemeralStore {
  const now = (): number => Math.floor(clock.now());

  return {
    async put(key, value, ttlMs) {
      const expiresAt = millis(now() + ttlMs);
      await db
        .insertInto('ephemeral')
        .values({ key, value, expires_at: expiresAt })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, expires_at: expiresAt }))
        .execute();
    },

    async replaceIfPresent(key, value, ttlMs) {
      const at = now();
      // One conditional UPDATE: a row deleted before it is not found, one deleted after it is gone.
      const result = await db
        .updateTable('ephemeral')
        .set({ value, expires_at: millis(at + ttlMs) })
        .where('key', '=', key)
        .where('expires_at', '>', at)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async get(key) {
      const row = await db.selectFrom('ephemeral').select('value').where('key', '=', key).where('expires_at', '>', now()).executeTakeFirst();
      return row?.value;
    },

    async consume(key) {
      // One DELETE … RETURNING: of two concurrent consumers only one sees the row deleted by it.
      const row = await db
        .deleteFrom('ephemeral')
        .where('key', '=', key)
        .where('expires_at', '>', now())
        .returning('value')
        .executeTakeFirst();
      return row?.value;
    },

    async delete(key) {
      await db.deleteFrom('ephemeral').where('key', '=', key).execute();
    },

    async increment(key, options) {
      const at = now();
      const expiresAt = millis(at + options.ttlMs);
      const { max } = options;
      const first = String(max === undefined ? 1 : Math.min(1, max));
      const current = sql`cast(ephemeral.value as bigint)`;
      const next =
        max === undefined
          ? sql`${current} + 1`
          : sql`case when ${current} + 1 > cast(${max} as bigint) then cast(${max} as bigint) else ${current} + 1 end`;
      // The upsert locks the row: concurrent increments serialize, and an expired counter restarts
      // at one with a new window, while a live one keeps the window it was created with.
      const result = await sql<{ value: string }>`
        insert into ephemeral (key, value, expires_at) values (${key}, ${first}, ${expiresAt})
        on conflict (key) do update set
          value = case when ephemeral.expires_at <= ${at} then ${first} else cast(${next} as text) end,
          expires_at = case when ephemeral.expires_at <= ${at} then ${expiresAt} else ephemeral.expires_at end
        returning value`.execute(db);
      const value = Number(result.rows[0]?.value);
      if (!Number.isInteger(value)) throw new Error(`ephemeral counter ${key} does not hold an integer`);
      return value;
    },

    async purgeExpired() {
      const result = await db.deleteFrom('ephemeral').where('expires_at', '<=', now()).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
