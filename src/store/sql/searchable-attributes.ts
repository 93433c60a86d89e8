/**
 * Search indexes of managed objects, per (type, attribute), recorded in `managed_object_search_indexes`:
 * a partial expression index on exactly the expression lookups and `_queryFilter` compare, and a
 * partial index of the objects whose attribute is an array (so the "any element" branch of a
 * filter is an index lookup too, and the planner can still combine both with OR).
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { assertAttributeName, attributeExpressions } from './attribute-expression.ts';
import type { Database, SqlDialectName } from './database.ts';

function indexName(prefix: string, type: string, attribute: string): string {
  const hash = createHash('sha256').update(`${type}\u0000${attribute}`).digest('hex').slice(0, 16);
  return `${prefix}_${attribute.slice(0, 24).toLowerCase()}_${hash}`;
}

/** The index name of (type, attribute): readable prefix, hash for uniqueness, under PostgreSQL's 63 bytes. */
export function searchIndexName(type: string, attribute: string): string {
  return indexName('mo_search', type, attribute);
}

/** The name of the partial index of (type, attribute)'s array values. */
export function arrayIndexName(type: string, attribute: string): string {
  return indexName('mo_array', type, attribute);
}

/** Creates both indexes of (type, attribute) unless they exist; `attribute` must be valid. */
export async function createSearchIndexes(db: Kysely<Database>, dialect: SqlDialectName, type: string, attribute: string): Promise<void> {
  const folded = sql.raw(attributeExpressions[dialect].folded(attribute));
  // Partial per type, so each type indexes only its own rows (`type` is a quoted literal). The
  // trailing `id` yields matches already in the lookup's order; without it SQLite's planner
  // prefers walking the primary key in id order over the expression index. On PostgreSQL,
  // text_pattern_ops (byte order) also serves `sw` (LIKE 'prefix%') and code-point ranges.
  const opclass = sql.raw(dialect === 'postgres' ? ' text_pattern_ops' : '');
  const typeOf =
    dialect === 'postgres' ? sql.raw(`jsonb_typeof(data -> '${attribute}')`) : sql.raw(`json_type(data, '$."${attribute}"')`);
  const where = sql`type = ${sql.lit(type)}`;
  await sql`create index if not exists ${sql.id(searchIndexName(type, attribute))} on managed_objects (type, ${folded}${opclass}, id) where ${where}`.execute(db);
  // The JSON type as a key column (not only in the predicate): an equality the planner can see
  // makes this index win over any other index on `type` for the array branch, without statistics.
  await sql`create index if not exists ${sql.id(arrayIndexName(type, attribute))} on managed_objects (type, ${typeOf}, id) where ${where} and ${typeOf} = 'array'`.execute(db);
}

/** Drops both indexes of (type, attribute), if they exist. */
export async function dropSearchIndexes(db: Kysely<Database>, type: string, attribute: string): Promise<void> {
  await sql`drop index if exists ${sql.id(searchIndexName(type, attribute))}`.execute(db);
  await sql`drop index if exists ${sql.id(arrayIndexName(type, attribute))}`.execute(db);
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
    const existing = await trx.selectFrom('managed_object_search_indexes').select('attribute').where('type', '=', type).execute();
    for (const row of existing) {
      if (wanted.includes(row.attribute)) continue;
      await dropSearchIndexes(trx, type, row.attribute);
      await trx.deleteFrom('managed_object_search_indexes').where('type', '=', type).where('attribute', '=', row.attribute).execute();
    }
    for (const attribute of wanted) {
      await createSearchIndexes(trx, dialect, type, attribute);
      await trx
        .insertInto('managed_object_search_indexes')
        .values({ type, attribute, index_name: searchIndexName(type, attribute) })
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
