/** ConfigRepository on SQL: IDM-style configuration documents by id, as JSON. */
import { sql, type Kysely } from 'kysely';
import type { ConfigRepository } from '../../config/ports.ts';
import type { Database } from './database.ts';
import { decodeJson, encodeJson } from './json-column.ts';

/** Configuration documents on `db` (a Kysely instance or a transaction). */
export function sqlConfigRepository(db: Kysely<Database>): ConfigRepository {
  return {
    async get(id) {
      const row = await db.selectFrom('configs').select('value').where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : decodeJson(row.value);
    },

    async put(id, value) {
      await db
        .insertInto('configs')
        .values({ id, value: encodeJson(value) })
        .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
        .execute();
    },

    async delete(id) {
      const result = await db.deleteFrom('configs').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async list(prefix) {
      // substr, not LIKE: `_` and `%` are common in ids and SQLite's LIKE ignores case. Both
      // dialects count characters (code points), not UTF-16 units.
      const rows = await db
        .selectFrom('configs')
        .select('id')
        .where(sql<string>`substr(id, 1, ${[...prefix].length})`, '=', prefix)
        .orderBy('id')
        .execute();
      return rows.map((row) => row.id);
    },
  };
}
