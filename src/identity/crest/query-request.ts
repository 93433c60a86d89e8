/**
 * The parameters of a CREST query on a managed collection, checked: exactly one of `_queryFilter`
 * and `_queryId` (only `query-all-ids`), paging by `_pageSize` with `_pagedResultsCookie` or
 * `_pagedResultsOffset`, `_totalPagedResultsPolicy` NONE or EXACT, `_sortKeys` and `_fields`.
 */
import type { SortKey } from '../ports.ts';
import type { QueryFilter } from '../query-filter/query-filter.ts';
import { parseQueryFilter } from '../query-filter/parse-query-filter.ts';
import { crestError } from './errors.ts';
import type { FieldSelection } from './field-selection.ts';
import { ID_FIELDS_ONLY, parseFieldSelection } from './field-selection.ts';
import { parsePointer } from './json-pointer.ts';

/** The one predefined query Arbor answers: every object, `_id` and `_rev` only. */
export const QUERY_ALL_IDS = 'query-all-ids';

/** A checked query request. */
export interface QueryRequest {
  filter: QueryFilter;
  sortKeys: SortKey[];
  pageSize?: number;
  offset?: number;
  cookie?: string;
  totalPagedResultsPolicy: 'NONE' | 'EXACT';
  fields: FieldSelection;
}

function count(params: Readonly<Record<string, string | undefined>>, name: string): number | undefined {
  const text = params[name];
  if (text === undefined) return undefined;
  if (!/^[0-9]{1,9}$/.test(text.trim())) throw crestError('BAD_REQUEST', `${name} must be a non-negative integer, got "${text}"`);
  return Number(text.trim());
}

/** Parses `_sortKeys=a,-b,+c` (a `+` decoded to a space by the query string still means ascending). */
export function parseSortKeys(text: string | undefined): SortKey[] {
  if (text === undefined) return [];
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const descending = entry.startsWith('-');
      const name = entry.startsWith('-') || entry.startsWith('+') ? entry.slice(1) : entry;
      return { field: parsePointer(name, '_sortKeys entry'), descending };
    });
}

function totalPolicy(text: string | undefined): 'NONE' | 'EXACT' {
  if (text === undefined || text === 'NONE') return 'NONE';
  if (text === 'EXACT') return 'EXACT';
  if (text === 'ESTIMATE') throw crestError('BAD_REQUEST', '_totalPagedResultsPolicy=ESTIMATE is not supported (as in IDM); use NONE or EXACT');
  throw crestError('BAD_REQUEST', `_totalPagedResultsPolicy must be NONE or EXACT, got "${text}"`);
}

/** Checks the query string of a query; BAD_REQUEST (or the filter parser's INVALID_QUERY_FILTER) when wrong. */
export function parseQueryRequest(params: Readonly<Record<string, string | undefined>>): QueryRequest {
  const given = ['_queryFilter', '_queryId', '_queryExpression'].filter((name) => params[name] !== undefined);
  if (given.length !== 1) {
    throw crestError('BAD_REQUEST', `A query needs exactly one of _queryFilter or _queryId${given.length > 1 ? `, got ${given.join(' and ')}` : ''}`);
  }
  if (params._queryExpression !== undefined) throw crestError('BAD_REQUEST', '_queryExpression is only supported on system objects; use _queryFilter');
  const queryId = params._queryId;
  if (queryId !== undefined && queryId !== QUERY_ALL_IDS) {
    throw crestError('BAD_REQUEST', `Unsupported _queryId "${queryId}": only ${QUERY_ALL_IDS} is predefined; use _queryFilter`);
  }
  const pageSize = count(params, '_pageSize');
  const offset = count(params, '_pagedResultsOffset');
  const cookie = params._pagedResultsCookie;
  if (cookie !== undefined && offset !== undefined) throw crestError('BAD_REQUEST', '_pagedResultsCookie and _pagedResultsOffset cannot be used together');
  if (offset !== undefined && offset > 0 && !pageSize) throw crestError('BAD_REQUEST', '_pagedResultsOffset needs _pageSize');
  const request: QueryRequest = {
    filter: queryId === undefined ? parseQueryFilter(params._queryFilter ?? '') : { op: 'true' },
    sortKeys: parseSortKeys(params._sortKeys),
    totalPagedResultsPolicy: totalPolicy(params._totalPagedResultsPolicy),
    fields: queryId === undefined ? parseFieldSelection(params._fields) : { ...ID_FIELDS_ONLY, pointers: [] },
  };
  if (pageSize !== undefined && pageSize > 0) request.pageSize = pageSize;
  if (offset !== undefined && offset > 0) request.offset = offset;
  if (cookie !== undefined && cookie !== '') request.cookie = cookie;
  return request;
}
