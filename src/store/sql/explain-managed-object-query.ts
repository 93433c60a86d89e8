/**
 * The database's plan for one page of a managed object query, as text: what tests read to check
 * that a filter on a searchable attribute runs on its index. PostgreSQL is told to avoid sequential
 * scans, since on a small table one would win on cost whatever the indexes.
 */
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { ManagedObjectQuery } from '../../identity/ports.ts';
import type { Database, SqlDialectName } from './database.ts';
import { indexedSortAttribute, managedObjectPageQuery, managedObjectSegmentQueries } from './managed-object-query.ts';

/**
 * The plan of `query` on `type`: SQLite's EXPLAIN QUERY PLAN details or PostgreSQL's EXPLAIN lines.
 * A query sorted by a searchable field runs one SELECT per JSON type class: their plans, in turn.
 */
export async function explainManagedObjectQuery(db: Kysely<Database>, dialect: SqlDialectName, type: string, query: ManagedObjectQuery): Promise<string> {
  return (await explainManagedObjectQueryParts(db, dialect, type, query)).join('\n');
}

/** The plan of each SELECT `query` runs, in the order it runs them (one, unless sorted by a searchable field). */
export async function explainManagedObjectQueryParts(db: Kysely<Database>, dialect: SqlDialectName, type: string, query: ManagedObjectQuery): Promise<string[]> {
  const attribute = await indexedSortAttribute(db, type, query);
  const selects = attribute === undefined ? [managedObjectPageQuery(db, dialect, type, query).select] : managedObjectSegmentQueries(db, dialect, type, query, attribute).selects;
  const plans: string[] = [];
  for (const select of selects) plans.push(await explainCompiled(db, dialect, select.compile()));
  return plans;
}

async function explainCompiled(db: Kysely<Database>, dialect: SqlDialectName, compiled: CompiledQuery<unknown>): Promise<string> {
  if (dialect === 'sqlite') {
    const plan = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]));
    return plan.rows.map((row) => row.detail).join('\n');
  }
  return db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    const plan = await trx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]));
    return plan.rows.map((row) => row['QUERY PLAN']).join('\n');
  });
}
