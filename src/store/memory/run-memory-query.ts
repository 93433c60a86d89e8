/**
 * `ManagedObjectRepository.query` in memory, with the SQL stores' semantics: the filter as the
 * in-memory evaluator reads it (which the shared query-filter table keeps in agreement with SQL),
 * `_id` being the key and not a property; the order of `sort-position.ts`; pages by offset or
 * after a cookie's position (not after a count of rows); the count of every match when asked.
 * Bad paging values, cookies and field names are refused in the order SQL refuses them.
 */
import type { ManagedObjectQuery, ManagedObjectQueryResult } from '../../identity/ports.ts';
import { matchesQueryFilter } from '../../identity/query-filter/evaluate-query-filter.ts';
import type { FieldPath, QueryFilter } from '../../identity/query-filter/query-filter.ts';
import { checkPaging } from '../shared/check-paging.ts';
import { assertFilterFields } from './assert-field-names.ts';
import { toStoredObject, type MemoryObjectRecord, type MemoryObjectTable } from './memory-object-table.ts';
import { decodePagedResultsCookie, encodePagedResultsCookie } from './paged-results-cookie.ts';
import { comparePositions, sortComponents, sortPosition, type SortPosition } from './sort-position.ts';

/**
 * Where an object's own `_id` property goes in the view the evaluator reads (`_id` there is the
 * key): a name no valid field segment can take, so `/_id/x` still reads the property.
 */
const DATA_ID = '\u0000_id';

function movedPath(field: FieldPath): FieldPath {
  return field.length > 1 && field[0] === '_id' ? [DATA_ID, ...field.slice(1)] : field;
}

/** `filter` with the pointers into an `_id` property (`/_id/x`) renamed to where the view keeps it. */
function viewFilter(filter: QueryFilter): QueryFilter {
  switch (filter.op) {
    case 'true':
    case 'false':
      return filter;
    case 'and':
    case 'or':
      return { op: filter.op, filters: filter.filters.map(viewFilter) };
    case 'not':
      return { op: 'not', filter: viewFilter(filter.filter) };
    default:
      return { ...filter, field: movedPath(filter.field) };
  }
}

const views = new WeakMap<MemoryObjectRecord, Record<string, unknown>>();

/** What the evaluator reads for `record`: its properties (null prototype), `_id` the key. Cached: records never change. */
function viewOf(record: MemoryObjectRecord): Record<string, unknown> {
  let view = views.get(record);
  if (view === undefined) {
    view = Object.assign(Object.create(null) as Record<string, unknown>, record.data);
    if (Object.hasOwn(view, '_id')) view[DATA_ID] = view['_id'];
    view['_id'] = record.id;
    views.set(record, view);
  }
  return view;
}

/** Runs `query` over the objects of `table` (undefined: a type with no objects). */
export function runMemoryQuery(table: MemoryObjectTable | undefined, query: ManagedObjectQuery): ManagedObjectQueryResult {
  checkPaging(query);
  const components = sortComponents(query.sortKeys);
  const hasCookie = query.cookie !== undefined && query.cookie !== '';
  const after = hasCookie ? decodePagedResultsCookie(query.cookie ?? '', query.sortKeys, components) : undefined;
  assertFilterFields(query.filter);

  const filter = viewFilter(query.filter);
  const matches: { record: MemoryObjectRecord; position: SortPosition }[] = [];
  for (const record of table?.records.values() ?? []) {
    if (matchesQueryFilter(filter, viewOf(record))) matches.push({ record, position: sortPosition(components, record.id, record.data) });
  }
  matches.sort((a, b) => comparePositions(components, a.position, b.position));

  let rest = after === undefined ? matches : matches.filter((match) => comparePositions(components, match.position, after) > 0);
  if (query.offset !== undefined && query.offset > 0) rest = rest.slice(query.offset);
  const pageSize = query.pageSize ?? 0;
  const page = pageSize > 0 ? rest.slice(0, pageSize) : rest;
  const last = page[page.length - 1];
  const more = pageSize > 0 && rest.length > pageSize && last !== undefined;
  return {
    items: page.map((match) => toStoredObject(match.record)),
    pagedResultsCookie: more ? encodePagedResultsCookie(query.sortKeys, last.position) : null,
    totalPagedResults: query.countTotal ? matches.length : -1,
  };
}
