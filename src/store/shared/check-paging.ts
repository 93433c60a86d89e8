/**
 * The paging values of a managed object query, checked the same on every store before anything
 * is read: a page size and an offset are non-negative safe integers, and an offset never comes
 * with a paged results cookie. Each failure is INVALID_QUERY.
 */
import type { ManagedObjectQuery } from '../../identity/ports.ts';
import { storeError } from '../errors.ts';

/** Throws INVALID_QUERY for a bad page size or offset, or an offset with a cookie. */
export function checkPaging(query: ManagedObjectQuery): void {
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
