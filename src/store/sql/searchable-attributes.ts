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

/** The name of PostgreSQL's statistics on `attribute`'s expressions (shared by every type). */
export function searchStatisticsName(attribute: string): string {
  return indexName('mo_stats', '', attribute);
}

/**
 * PostgreSQL ignores the statistics of partial indexes and estimates a condition on an expression
 * as matching 0.5% of the rows, twice for `jsonb_typeof(…) = 'string' and lower(…) like 'x%'`:
 * so few that it reads every match and sorts them rather than walk the search index in order and
 * stop at the page's end. Expression statistics (PostgreSQL 14+) give it the real proportions.
 * Created once per attribute, for all types; ANALYZE fills them when they are new.
 */
export async function createSearchStatistics(db: Kysely<Database>, attribute: string): Promise<void> {
  const { rows } = await sql<{ version: number }>`select current_setting('server_version_num')::int as version`.execute(db);
  if ((rows[0]?.version ?? 0) < 140000) return;
  const name = searchStatisticsName(attribute);
  const existing = await sql`select 1 from pg_statistic_ext where stxname = ${name} and stxnamespace = current_schema()::regnamespace`.execute(db);
  if (existing.rows.length > 0) return;
  const folded = sql.raw(attributeExpressions.postgres.folded(attribute));
  const typeOf = sql.raw(`jsonb_typeof(data -> '${attribute}')`);
  await sql`create statistics if not exists ${sql.id(name)} on (${folded}), (${typeOf}) from managed_objects`.execute(db);
  await sql`analyze managed_objects`.execute(db);
}

/**
 * Drops PostgreSQL's statistics on `attribute`'s expressions unless some type still has it
 * searchable (they are shared by every type); the caller holds the statistics lock.
 */
async function dropUnusedSearchStatistics(db: Kysely<Database>, attribute: string): Promise<void> {
  const used = await db.selectFrom('managed_object_search_indexes').select('type').where('attribute', '=', attribute).limit(1).executeTakeFirst();
  if (used !== undefined) return;
  await sql`drop statistics if exists ${sql.id(searchStatisticsName(attribute))}`.execute(db);
}

/** Creates both indexes of (type, attribute) unless they exist; `attribute` must be valid. */
export async function createSearchIndexes(db: Kysely<Database>, dialect: SqlDialectName, type: string, attribute: string): Promise<void> {
  const folded = sql.raw(attributeExpressions[dialect].folded(attribute));
  // Partial per type, so each type indexes only its own rows (`type` is a quoted literal). The
  // trailing `id` yields matches already in the lookup's order; without it SQLite's planner
  // prefers walking the primary key in id order over the expression index. On PostgreSQL,
  // text_pattern_ops (byte order) also serves `sw` (LIKE 'prefix%') and code-point ranges, and
  // the expression leads: PostgreSQL drops `type = …` from the index conditions because the
  // partial-index predicate implies it, so a leading `type` column would leave the scan unbounded
  // (no jump to the prefix, no ordered walk). SQLite keeps `type` first: its planner uses it.
  const columns =
    dialect === 'postgres' ? sql`${folded} text_pattern_ops, id` : sql`type, ${folded}, id`;
  const typeOf =
    dialect === 'postgres' ? sql.raw(`jsonb_typeof(data -> '${attribute}')`) : sql.raw(`json_type(data, '$."${attribute}"')`);
  const where = sql`type = ${sql.lit(type)}`;
  await sql`create index if not exists ${sql.id(searchIndexName(type, attribute))} on managed_objects (${columns}) where ${where}`.execute(db);
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
      // The statistics are shared by every type: one type must not drop them while another,
      // not yet committed, relies on them (always taken second, so no lock-order deadlock).
      await sql`select pg_advisory_xact_lock(hashtext(cast(${'arbor.search-statistics'} as text)))`.execute(trx);
    }
    const existing = await trx.selectFrom('managed_object_search_indexes').select('attribute').where('type', '=', type).execute();
    for (const row of existing) {
      if (wanted.includes(row.attribute)) continue;
      await dropSearchIndexes(trx, type, row.attribute);
      await trx.deleteFrom('managed_object_search_indexes').where('type', '=', type).where('attribute', '=', row.attribute).execute();
      if (dialect === 'postgres') await dropUnusedSearchStatistics(trx, row.attribute);
    }
    for (const attribute of wanted) {
      await createSearchIndexes(trx, dialect, type, attribute);
      if (dialect === 'postgres') await createSearchStatistics(trx, attribute);
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
