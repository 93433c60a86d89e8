/**
 * The memory store's `pagedResultsCookie`, in the SQL stores' format (`store/shared/paged-results-cookie.ts`):
 * the sort keys it was issued for and the position of the last object returned; the next page
 * continues strictly after that position. Its number values are the finite numbers of
 * `sort-position.ts`, its string and id values any string.
 */
import type { SortKey } from '../../identity/ports.ts';
import { decodePagedResultsCookie as decodeCookie, type SortValue, type SortValueCheck } from '../shared/paged-results-cookie.ts';
import type { SortComponent, SortPosition } from './sort-position.ts';

export { encodePagedResultsCookie } from '../shared/paged-results-cookie.ts';

const isValidValue: SortValueCheck = (kind, value): value is SortValue =>
  kind === 'number' ? typeof value === 'number' && Number.isFinite(value) : typeof value === 'string';

/** The position a cookie carries; INVALID_QUERY when malformed or issued for other sort keys. */
export function decodePagedResultsCookie(cookie: string, sortKeys: readonly SortKey[], components: readonly SortComponent[]): SortPosition {
  return decodeCookie(cookie, sortKeys, components, isValidValue);
}
