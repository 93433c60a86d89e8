/**
 * Unique attributes of managed objects: per (type, attribute) a unique partial expression index on
 * the folded string value (`lower(<attribute expression>)`, string values only), recorded in
 * `managed_object_unique_indexes`. The database enforces it, so two racing writes cannot both win;
 * its violations are recognised by index name and reported as UNIQUE_VIOLATION naming the attribute.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { isStoreError, storeError, type StoreError } from '../errors.ts';
import { assertAttributeName, attributeExpressions } from './attribute-expression.ts';
import type { Database, SqlDialectName } from './database.ts';
import { sharedValuesViolation } from '../shared-values.ts';
import { sharedValues } from './shared-values.ts';

/** The unique index name of (type, attribute), under PostgreSQL's 63 bytes. */
export function uniqueIndexName(type: string, attribute: string): string {
  const hash = createHash('sha256').update(`${type}\u0000${attribute}`).digest('hex').slice(0, 16);
  return `mo_unique_${attribute.slice(0, 24).toLowerCase()}_${hash}`;
}

function violation(type: string, attribute: string, message: string): StoreError {
  return storeError('UNIQUE_VIOLATION', message, { attribute, detail: { type, attribute } });
}

/** The index a driver error says was violated: SQLite names it in the message, PostgreSQL in `constraint` (23505). */
function violatedIndex(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const sqlite = /UNIQUE constraint failed: index '([^']+)'/.exec(error.message);
  if (sqlite !== null) return sqlite[1];
  const pg = error as Error & { code?: unknown; constraint?: unknown };
  return pg.code === '23505' && typeof pg.constraint === 'string' ? pg.constraint : undefined;
}

/**
 * The UNIQUE_VIOLATION a failed write of `data` into `type` amounts to, or undefined for any other
 * error. The attribute is found by recomputing the index names of `data`'s attributes.
 */
export function uniqueViolationOf(error: unknown, type: string, data: Record<string, unknown>): StoreError | undefined {
  const index = violatedIndex(error);
  if (index === undefined || !index.startsWith('mo_unique_')) return undefined;
  const attribute = Object.keys(data).find((name) => uniqueIndexName(type, name) === index) ?? index;
  return violation(type, attribute, `managed/${type}: another object already has this ${attribute} (unique, compared case-insensitively)`);
}

async function createUniqueIndex(db: Kysely<Database>, dialect: SqlDialectName, type: string, attribute: string): Promise<void> {
  const folded = sql.raw(attributeExpressions[dialect].folded(attribute));
  const isString =
    dialect === 'postgres' ? sql.raw(`jsonb_typeof(data -> '${attribute}') = 'string'`) : sql.raw(`json_type(data, '$."${attribute}"') = 'text'`);
  const name = uniqueIndexName(type, attribute);
  try {
    await sql`create unique index if not exists ${sql.id(name)} on managed_objects (${folded}) where type = ${sql.lit(type)} and ${isString}`.execute(db);
  } catch (error) {
    if (violatedIndex(error) === name || (error as { code?: unknown }).code === '23505') {
      throw violation(type, attribute, `Cannot make ${attribute} unique for managed/${type}: existing objects share a value (compared case-insensitively)`);
    }
    throw error;
  }
}

/**
 * Makes the unique attributes of `type` exactly `attributes`: creates missing unique indexes, drops
 * the others, in one transaction. When existing objects already share a value, fails with
 * UNIQUE_VIOLATION naming the attribute, the shared values and their objects, and changes nothing.
 */
export async function setUniqueAttributes(db: Kysely<Database>, dialect: SqlDialectName, type: string, attributes: readonly string[]): Promise<void> {
  for (const attribute of attributes) assertAttributeName(attribute);
  const wanted = [...new Set(attributes)];
  const apply = async (trx: Kysely<Database>): Promise<void> => {
    if (dialect === 'postgres') {
      await sql`select pg_advisory_xact_lock(hashtext(cast(${`arbor.unique-index:${type}`} as text)))`.execute(trx);
    }
    const existing = await trx.selectFrom('managed_object_unique_indexes').select(['attribute', 'index_name']).where('type', '=', type).execute();
    for (const row of existing) {
      if (wanted.includes(row.attribute)) continue;
      await sql`drop index if exists ${sql.id(row.index_name)}`.execute(trx);
      await trx.deleteFrom('managed_object_unique_indexes').where('type', '=', type).where('attribute', '=', row.attribute).execute();
    }
    for (const attribute of wanted) {
      // A new unique attribute: name the values objects already share instead of a bare failure.
      if (!existing.some((row) => row.attribute === attribute)) {
        const shared = await sharedValues(trx, dialect, type, attribute);
        if (shared.length > 0) throw sharedValuesViolation(type, attribute, shared);
      }
      await createUniqueIndex(trx, dialect, type, attribute);
      await trx
        .insertInto('managed_object_unique_indexes')
        .values({ type, attribute, index_name: uniqueIndexName(type, attribute) })
        .onConflict((oc) => oc.columns(['type', 'attribute']).doNothing())
        .execute();
    }
  };
  if (db.isTransaction) await apply(db);
  else await db.transaction().execute(apply);
}

/** The unique attributes of `type`, sorted. */
export async function listUniqueAttributes(db: Kysely<Database>, type: string): Promise<string[]> {
  const rows = await db.selectFrom('managed_object_unique_indexes').select('attribute').where('type', '=', type).execute();
  return rows.map((row) => row.attribute).sort();
}

/** Rethrows `error` as UNIQUE_VIOLATION when it is one, unchanged otherwise. */
export function rethrowUniqueViolation(error: unknown, type: string, data: Record<string, unknown>): never {
  if (isStoreError(error)) throw error;
  throw uniqueViolationOf(error, type, data) ?? error;
}
