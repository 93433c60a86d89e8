/**
 * Runs a checked query request on the repository: the filter may only compare searchable fields
 * (and `_id`), neither the filter nor a sort key may read an unreadable property (private ones,
 * the security answers), and the page comes back in CREST's query response shape.
 */
import type { ManagedObjectSchema } from '../managed-schema.ts';
import type { ManagedObjectRepository, ManagedObjectQuery, StoredManagedObject } from '../ports.ts';
import { assertSearchable, fieldsOf } from '../query-filter/filter-fields.ts';
import { crestError } from './errors.ts';
import { formatPointer } from './json-pointer.ts';
import type { QueryRequest } from './query-request.ts';
import { isPrivate, searchableProperties } from './schema-properties.ts';
import type { UnreadableProperty } from './unreadable-properties.ts';
import { ownProperty } from './unreadable-properties.ts';

/** CREST's query response, keys in IDM's order. */
export interface QueryResponse {
  result: Record<string, unknown>[];
  resultCount: number;
  pagedResultsCookie: string | null;
  totalPagedResultsPolicy: 'NONE' | 'EXACT';
  totalPagedResults: number;
  remainingPagedResults: number;
}

/** One page of stored objects and what the response says about paging. */
export interface QueryPage {
  items: StoredManagedObject[];
  pagedResultsCookie: string | null;
  totalPagedResultsPolicy: 'NONE' | 'EXACT';
  totalPagedResults: number;
}

/** Fields every managed object can be queried on, whatever the schema says. */
const ALWAYS_SEARCHABLE = ['_id'];

/**
 * Runs `request` on `type`; `paged: false` ignores paging (patch-by-query touches every match).
 * `unreadable` (private properties by default) may be neither filtered on nor sorted by: BAD_REQUEST.
 */
export async function runQuery(
  objects: Pick<ManagedObjectRepository, 'query'>,
  type: string,
  schema: ManagedObjectSchema,
  request: QueryRequest,
  options: { paged?: boolean; unreadable?: UnreadableProperty } = {},
): Promise<QueryPage> {
  const unreadable = options.unreadable ?? ((name: string) => isPrivate(ownProperty(schema, name)));
  for (const field of fieldsOf(request.filter)) {
    if (unreadable(field)) throw crestError('BAD_REQUEST', `Cannot filter on ${field}: it cannot be read`);
  }
  assertSearchable(request.filter, new Set([...ALWAYS_SEARCHABLE, ...searchableProperties(schema)]));
  for (const key of request.sortKeys) {
    if (unreadable(key.field[0] ?? '')) throw crestError('BAD_REQUEST', `Cannot sort by ${formatPointer(key.field)}: it cannot be read`);
  }
  const countTotal = request.totalPagedResultsPolicy === 'EXACT';
  const query: ManagedObjectQuery = { filter: request.filter, sortKeys: request.sortKeys, countTotal };
  if (options.paged !== false) {
    if (request.pageSize !== undefined) query.pageSize = request.pageSize;
    if (request.offset !== undefined) query.offset = request.offset;
    if (request.cookie !== undefined) query.cookie = request.cookie;
  }
  const page = await objects.query(type, query);
  return {
    items: page.items,
    pagedResultsCookie: page.pagedResultsCookie,
    totalPagedResultsPolicy: request.totalPagedResultsPolicy,
    totalPagedResults: countTotal ? page.totalPagedResults : -1,
  };
}

/** The query response of a page, each object rendered by `render`. */
export function queryResponse(page: QueryPage, render: (stored: StoredManagedObject) => Record<string, unknown>): QueryResponse {
  const result = page.items.map(render);
  return {
    result,
    resultCount: result.length,
    pagedResultsCookie: page.pagedResultsCookie,
    totalPagedResultsPolicy: page.totalPagedResultsPolicy,
    totalPagedResults: page.totalPagedResults,
    remainingPagedResults: -1,
  };
}
