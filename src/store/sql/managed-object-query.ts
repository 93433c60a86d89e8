/**
 * `ManagedObjectRepository.query` on SQL: the filter's predicate (which carries the type
 * condition itself, placed where the planner can combine it with the attribute indexes), ORDER BY
 * the sort keys (then `_id`), paging by offset or by keyset cookie (one extra row tells whether a
 * next page exists), and an optional COUNT over the same predicate.
 */
import { sql, type Kysely, type RawBuilder, type Selectable, type SqlBool } from 'kysely';
import type { ManagedObjectQuery, ManagedObjectQueryResult, StoredManagedObject } from '../../identity/ports.ts';
import { checkPaging } from '../shared/check-paging.ts';
import type { Database, ManagedObjectsTable, SqlDialectName } from './database.ts';
import { decodeJsonObject, int64 } from './json-column.ts';
import { decodePagedResultsCookie, encodePagedResultsCookie } from './paged-results-cookie.ts';
import { queryFilterSql, queryFilterSqlKnowing, type JsonTypeClass } from './query-filter-sql.ts';
import { attributeExpressions } from './attribute-expression.ts';
import { jsonFieldSql } from './json-field-sql.ts';
import { afterPositionSql, sortComponents, type SortComponent } from './sort-key-sql.ts';

/** OFFSET needs a LIMIT on SQLite: "all the rows". */
const NO_LIMIT = Number.MAX_SAFE_INTEGER;

function toStored(row: Selectable<ManagedObjectsTable>): StoredManagedObject {
  return { type: row.type, id: row.id, rev: String(int64(row.rev)), data: decodeJsonObject(row.data), meta: decodeJsonObject(row.meta) };
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

/** The JSON type classes in ascending sort order: the value of the rank component is the index. */
const CLASSES: readonly JsonTypeClass[] = ['number', 'string', 'boolean', 'composite', 'absent'];

/**
 * The attribute of a query sorted by one top-level field (`sn` or `-sn`), paged by size (cookie
 * or first page, no offset): the queries that may walk that field's search index in order.
 */
function singleSortAttribute(query: ManagedObjectQuery): string | undefined {
  const [key, ...others] = query.sortKeys;
  if (key === undefined || others.length > 0 || key.field.length !== 1 || key.field[0] === '_id') return undefined;
  if (!((query.pageSize ?? 0) > 0) || (query.offset !== undefined && query.offset > 0)) return undefined;
  const attribute = key.field[0] as string;
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(attribute) ? attribute : undefined;
}

/**
 * The attribute whose search index can serve `query`'s order on `type`, if any: sorted by one
 * searchable top-level field, paged by size.
 */
export async function indexedSortAttribute(db: Kysely<Database>, type: string, query: ManagedObjectQuery): Promise<string | undefined> {
  const attribute = singleSortAttribute(query);
  if (attribute === undefined) return undefined;
  const row = await db.selectFrom('managed_object_search_indexes').select('attribute').where('type', '=', type).where('attribute', '=', attribute).executeTakeFirst();
  return row === undefined ? undefined : attribute;
}

/**
 * One page of a query sorted by the searchable field `attribute`, as one SELECT per JSON type class
 * of that field, in sort order; run in turn until the page (plus one row) is full. Each class knows
 * the field's type, so only the filter branches that class can satisfy remain (a class no row can
 * match has no SELECT), and each orders by what is not constant in it. The string class orders by
 * exactly the search index's expression (PostgreSQL: with text_pattern_ops' `~<~`, the index's
 * operator class, which is code point order like `collate "C"`) then `id`, so the database walks
 * the index and stops at the limit. Rows carry the usual components `k0`… for the cookie.
 */
export function managedObjectSegmentQueries(db: Kysely<Database>, dialect: SqlDialectName, type: string, query: ManagedObjectQuery, attribute: string) {
  checkPaging(query);
  const components = sortComponents(dialect, query.sortKeys);
  const descending = query.sortKeys[0]?.descending ?? false;
  const after = query.cookie !== undefined && query.cookie !== '' ? decodePagedResultsCookie(query.cookie, query.sortKeys, components, dialect) : undefined;
  const number = components[1] as SortComponent;
  const field = jsonFieldSql(dialect, [attribute]);
  const t = field.jsonType;
  const folded = sql.raw(attributeExpressions[dialect].folded(attribute));
  const classCondition: Record<JsonTypeClass, RawBuilder<SqlBool>> =
    dialect === 'postgres'
      ? {
          number: sql<SqlBool>`${t} = 'number'`,
          string: sql<SqlBool>`${t} = 'string'`,
          boolean: sql<SqlBool>`${t} = 'boolean'`,
          composite: sql<SqlBool>`${t} in ('array', 'object')`,
          absent: sql<SqlBool>`coalesce(${t}, 'null') = 'null'`,
        }
      : {
          number: sql<SqlBool>`${t} in ('integer', 'real')`,
          string: sql<SqlBool>`${t} = 'text'`,
          boolean: sql<SqlBool>`${t} in ('true', 'false')`,
          composite: sql<SqlBool>`${t} in ('array', 'object')`,
          absent: sql<SqlBool>`coalesce(${t}, 'null') = 'null'`,
        };
  const direction = descending ? 'desc' : 'asc';
  const order = descending ? [...CLASSES.keys()].reverse() : [...CLASSES.keys()];
  const afterRank = after === undefined ? undefined : (after[0] as number);
  const selects = [];
  for (const classRank of order) {
    // Classes wholly before the cookie's position are done.
    if (afterRank !== undefined && (descending ? classRank > afterRank : classRank < afterRank)) continue;
    const typeClass = CLASSES[classRank] as JsonTypeClass;
    const predicate = queryFilterSqlKnowing(query.filter, dialect, type, { attribute, class: typeClass });
    if (predicate === undefined) continue;
    let select = db
      .selectFrom('managed_objects')
      .selectAll()
      .select(components.map((component, i) => component.expression.as(`k${i}`)))
      .where(predicate)
      .where(classCondition[typeClass]);
    if (typeClass === 'string') {
      if (after !== undefined && afterRank === classRank) {
        // (folded, id) after the cookie's, in the ORDER BY's terms; the first conjunct bounds the index range.
        const value = dialect === 'postgres' ? sql`cast(${after[2] as string} as text)` : sql`${after[2] as string}`;
        const [from, beyond] = dialect === 'postgres' ? (descending ? ['~<=~', '~<~'] : ['~>=~', '~>~']) : descending ? ['<=', '<'] : ['>=', '>'];
        select = select.where(sql<SqlBool>`(${folded} ${sql.raw(from as string)} ${value} and (${folded} ${sql.raw(beyond as string)} ${value} or id > ${after[3] as string}))`);
      }
      select =
        dialect === 'postgres'
          ? select.orderBy(sql`${folded} using ${sql.raw(descending ? '~>~' : '~<~')}`)
          : select.orderBy(sql`${folded}`, direction);
    } else {
      if (after !== undefined && afterRank === classRank) select = select.where(afterPositionSql(dialect, components, after));
      // Numbers and booleans order by value; arrays, objects and absent values only by id.
      if (typeClass === 'number' || typeClass === 'boolean') select = select.orderBy(number.expression, direction);
    }
    select = select.orderBy(sql`id`, 'asc');
    selects.push(select.limit((query.pageSize ?? 0) + 1));
  }
  return { selects, components };
}

/** Runs `query` over the objects of `type`. */
export async function runManagedObjectQuery(
  db: Kysely<Database>,
  dialect: SqlDialectName,
  type: string,
  query: ManagedObjectQuery,
): Promise<ManagedObjectQueryResult> {
  const pageSize = query.pageSize ?? 0;
  // Refuse bad paging values and cookies before any I/O, as the unsorted path always did.
  checkPaging(query);
  if (query.cookie !== undefined && query.cookie !== '') decodePagedResultsCookie(query.cookie, query.sortKeys, sortComponents(dialect, query.sortKeys), dialect);
  const attribute = await indexedSortAttribute(db, type, query);
  let rows: Record<string, unknown>[];
  let components: SortComponent[];
  if (attribute !== undefined) {
    const segments = managedObjectSegmentQueries(db, dialect, type, query, attribute);
    components = segments.components;
    rows = [];
    for (const select of segments.selects) {
      if (rows.length > pageSize) break;
      rows.push(...(await select.limit(pageSize + 1 - rows.length).execute()));
    }
  } else {
    const page = managedObjectPageQuery(db, dialect, type, query);
    components = page.components;
    rows = await page.select.execute();
  }
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
  return { items: page.map((row) => toStored(row as Selectable<ManagedObjectsTable>)), pagedResultsCookie: cookie, totalPagedResults: total };
}
