/**
 * EphemeralStore on SQL. Expired rows count as absent everywhere and are removed by `purgeExpired`;
 * `consume`, `increment` and `replaceIfPresent` are single statements, so they stay atomic across
 * processes. The statements a journey step runs are compiled once (`precompiled-query.ts`).
 */
import { sql, type Kysely } from 'kysely';
import { argument as a, precompiled } from './precompiled-query.ts';
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
  const putQuery = precompiled(
    db
      .insertInto('ephemeral')
      .values({ key: a(0), value: a(1), expires_at: sql<number>`${a(2)}` })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: (eb) => eb.ref('excluded.value'), expires_at: (eb) => eb.ref('excluded.expires_at') }))
      .compile(),
    3,
  );
  const getQuery = precompiled(db.selectFrom('ephemeral').select('value').where('key', '=', a(0)).where('expires_at', '>', sql<number>`${a(1)}`).compile(), 2);
  const consumeQuery = precompiled(
    db.deleteFrom('ephemeral').where('key', '=', a(0)).where('expires_at', '>', sql<number>`${a(1)}`).returning('value').compile(),
    2,
  );
  const deleteQuery = precompiled(db.deleteFrom('ephemeral').where('key', '=', a(0)).compile(), 1);
  // The upsert locks the row: concurrent increments serialize, and an expired counter restarts at
  // one with a new window, while a live one keeps the window it was created with. Arguments: key,
  // first value, expiry of a new window, now (and the ceiling).
  const increment = (next: ReturnType<typeof sql>) =>
    sql<{ value: string }>`
        insert into ephemeral (key, value, expires_at) values (${a(0)}, ${a(1)}, ${a(2)})
        on conflict (key) do update set
          value = case when ephemeral.expires_at <= ${a(3)} then ${a(1)} else cast(${next} as text) end,
          expires_at = case when ephemeral.expires_at <= ${a(3)} then ${a(2)} else ephemeral.expires_at end
        returning value`.compile(db);
  const current = sql`cast(ephemeral.value as bigint)`;
  const incrementQuery = precompiled(increment(sql`${current} + 1`), 4);
  const incrementUpToQuery = precompiled(
    increment(sql`case when ${current} + 1 > cast(${a(4)} as bigint) then cast(${a(4)} as bigint) else ${current} + 1 end`),
    5,
  );

  // One conditional UPDATE of a live counter: a missing or expired one is left alone.
  const decrementQuery = precompiled(
    sql`update ephemeral set value = cast(case when ${current} > 0 then ${current} - 1 else 0 end as text) where key = ${a(0)} and expires_at > ${a(1)}`.compile(db),
    2,
  );

  return {
    async put(key, value, ttlMs) {
      await db.executeQuery(putQuery(key, value, millis(now() + ttlMs)));
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
      const result = await db.executeQuery<{ value: string }>(getQuery(key, now()));
      return result.rows[0]?.value;
    },

    async consume(key) {
      // One DELETE … RETURNING: of two concurrent consumers only one sees the row deleted by it.
      const result = await db.executeQuery<{ value: string }>(consumeQuery(key, now()));
      return result.rows[0]?.value;
    },

    async delete(key) {
      await db.executeQuery(deleteQuery(key));
    },

    async increment(key, options) {
      const at = now();
      const expiresAt = millis(at + options.ttlMs);
      const { max } = options;
      const first = String(max === undefined ? 1 : Math.min(1, max));
      const query = max === undefined ? incrementQuery(key, first, expiresAt, at) : incrementUpToQuery(key, first, expiresAt, at, max);
      const result = await db.executeQuery<{ value: string }>(query);
      const value = Number(result.rows[0]?.value);
      if (!Number.isInteger(value)) throw new Error(`ephemeral counter ${key} does not hold an integer`);
      return value;
    },

    async decrement(key) {
      await db.executeQuery(decrementQuery(key, millis(now())));
    },

    async purgeExpired() {
      const result = await db.deleteFrom('ephemeral').where('expires_at', '<=', now()).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
