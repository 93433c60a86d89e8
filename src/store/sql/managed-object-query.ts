/**
 * `ManagedObjectRepository.query` on SQL: the filter's predicate (which carries the type
 * condition itself, placed where the planner can combine it with the attribute indexes), ORDER BY
 * the sort keys (then `_id`), paging by offset or by keyset cookie (one extra row tells whether a
 * next page exists), and an optional COUNT over the same predicate.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { ManagedObjectQuery, ManagedObjectQueryResult, StoredManagedObject } from '../../identity/ports.ts';
import { storeError } from '../errors.ts';
import type { Database, ManagedObjectsTable, SqlDialectName } from './database.ts';
import { decodeJsonObject, int64 } from './json-column.ts';
import { decodePagedResultsCookie, encodePagedResultsCookie } from './paged-results-cookie.ts';
import { queryFilterSql } from './query-filter-sql.ts';
import { afterPositionSql, sortComponents } from './sort-key-sql.ts';

/** OFFSET needs a LIMIT on SQLite: "all the rows". */
const NO_LIMIT = Number.MAX_SAFE_INTEGER;

function toStored(row: Selectable<ManagedObjectsTable>): StoredManagedObject {
  return { type: row.type, id: row.id, rev: String(int64(row.rev)), data: decodeJsonObject(row.data), meta: decodeJsonObject(row.meta) };
}

function checkPaging(query: ManagedObjectQuery): void {
  const { pageSize, offset, cookie } = query;
  if (pageSize !== undefined && !(Number.isSafeInteger(pageSize) && pageSize >= 0)) {
    throw storeError('INVALID_QUERY', `The page size must be a non-negative integer, got ${pageSize}`);
  }
  if (offset !== undefined && !(Number.isSafeInteger(offset) && offset >= 0)) {
    throw storeError('INVALID_QUERY', `The paged results offset must be a non-negative integer, got ${offset}`);
  }
  if (offset !== undefined && cookie !== undefined && cookie !== '') {
    throw storeError('INVALID_QUERY', 'A paged results offset and a paged results cookie cannot be used together');
  }
}

/**
 * The SELECT `query` runs for one page (exported so tests can EXPLAIN it). Each row carries its
 * sort values as `k0`, `k1`…; throws INVALID_QUERY for bad paging values or a bad cookie.
 */
export function managedObjectPageQuery(db: Kysely<Database>, dialect: SqlDialectName, type: string, query: ManagedObjectQuery) {
  checkPaging(query);
  const components = sortComponents(dialect, query.sortKeys);
  let select = db
    .selectFrom('managed_objects')
    .selectAll()
    .select(components.map((component, i) => component.expression.as(`k${i}`)))
    .where(queryFilterSql(query.filter, dialect, type));
  if (query.cookie !== undefined && query.cookie !== '') {
    const after = decodePagedResultsCookie(query.cookie, query.sortKeys, components, dialect);
    select = select.where(afterPositionSql(dialect, components, after));
  }
  for (const component of components) select = select.orderBy(component.expression, component.descending ? 'desc' : 'asc');
  const pageSize = query.pageSize ?? 0;
  // One row more than the page: it only tells whether another page follows.
  if (pageSize > 0) select = select.limit(pageSize + 1);
  if (query.offset !== undefined && query.offset > 0) select = (pageSize > 0 ? select : select.limit(NO_LIMIT)).offset(query.offset);
  return { select, components };
}

/** Runs `query` over the objects of `type`. */
export async function runManagedObjectQuery(
  db: Kysely<Database>,
  dialect: SqlDialectName,
  type: string,
  query: ManagedObjectQuery,
): Promise<ManagedObjectQueryResult> {
  const { select, components } = managedObjectPageQuery(db, dialect, type, query);
  const rows = await select.execute();
  const pageSize = query.pageSize ?? 0;
  const page = pageSize > 0 ? rows.slice(0, pageSize) : rows;
  const last = page[page.length - 1] as Record<string, unknown> | undefined;
  const more = pageSize > 0 && rows.length > pageSize && last !== undefined;
  const cookie = more ? encodePagedResultsCookie(query.sortKeys, components.map((_, i) => last[`k${i}`] as string | number)) : null;

  let total = -1;
  if (query.countTotal) {
    const counted = await db
      .selectFrom('managed_objects')
      .select(sql<number | string>`count(*)`.as('total'))
      .where(queryFilterSql(query.filter, dialect, type))
      .executeTakeFirstOrThrow();
    total = int64(counted.total);
  }
  return { items: page.map(toStored), pagedResultsCookie: cookie, totalPagedResults: total };
}
