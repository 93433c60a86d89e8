/**
 * Search indexes of managed objects: one partial expression index per (type, attribute), on exactly
 * the expression `findByAttribute` compares, recorded in `managed_object_search_indexes`.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { assertAttributeName, attributeExpressions } from './attribute-expression.ts';
import type { Database, SqlDialectName } from './database.ts';

/** The index name of (type, attribute): readable prefix, hash for uniqueness, under PostgreSQL's 63 bytes. */
export function searchIndexName(type: string, attribute: string): string {
  const hash = createHash('sha256').update(`${type}\u0000${attribute}`).digest('hex').slice(0, 16);
  return `mo_search_${attribute.slice(0, 24).toLowerCase()}_${hash}`;
}

/**
 * Makes the indexed attributes of `type` exactly `attributes`: creates missing indexes, drops the
 * others. Idempotent; only indexes change, never rows. Validates every name before touching anything.
 */
export async function setSearchableAttributes(
  db: Kysely<Database>,
  dialect: SqlDialectName,
  type: string,
  attributes: readonly string[],
): Promise<void> {
  for (const attribute of attributes) assertAttributeName(attribute);
  const wanted = [...new Set(attributes)];
  const apply = async (trx: Kysely<Database>): Promise<void> => {
    if (dialect === 'postgres') {
      // Two processes configuring the same type would race on CREATE INDEX IF NOT EXISTS.
      await sql`select pg_advisory_xact_lock(hashtext(cast(${`arbor.search-index:${type}`} as text)))`.execute(trx);
    }
    const existing = await trx
      .selectFrom('managed_object_search_indexes')
      .select(['attribute', 'index_name'])
      .where('type', '=', type)
      .execute();
    for (const row of existing) {
      if (wanted.includes(row.attribute)) continue;
      await sql`drop index if exists ${sql.id(row.index_name)}`.execute(trx);
      await trx.deleteFrom('managed_object_search_indexes').where('type', '=', type).where('attribute', '=', row.attribute).execute();
    }
    for (const attribute of wanted) {
      const name = searchIndexName(type, attribute);
      const folded = sql.raw(attributeExpressions[dialect].folded(attribute));
      // Partial per type, so each type indexes only its own rows (`type` is a quoted literal). The
      // trailing `id` yields matches already in the lookup's order; without it SQLite's planner
      // prefers walking the primary key in id order over the expression index.
      await sql`create index if not exists ${sql.id(name)} on managed_objects (type, ${folded}, id) where type = ${sql.lit(type)}`.execute(trx);
      await trx
        .insertInto('managed_object_search_indexes')
        .values({ type, attribute, index_name: name })
        .onConflict((oc) => oc.columns(['type', 'attribute']).doNothing())
        .execute();
    }
  };
  if (db.isTransaction) await apply(db);
  else await db.transaction().execute(apply);
}

/** The indexed attributes of `type`, sorted. */
export async function listSearchableAttributes(db: Kysely<Database>, type: string): Promise<string[]> {
  const rows = await db.selectFrom('managed_object_search_indexes').select('attribute').where('type', '=', type).execute();
  return rows.map((row) => row.attribute).sort();
}
