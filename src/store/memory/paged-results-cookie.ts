/**
 * The memory store's `pagedResultsCookie`, in the SQL stores' format (`store/sql/paged-results-cookie.ts`):
 * base64url JSON of the sort keys it was issued for and the position of the last object returned;
 * the next page continues strictly after that position. A cookie that is malformed, carries values
 * of the wrong kind or was issued for other sort keys is refused with INVALID_QUERY.
 */
import type { SortKey } from '../../identity/ports.ts';
import { formatFieldPath } from '../../identity/query-filter/format-query-filter.ts';
import { storeError } from '../errors.ts';
import type { SortComponent, SortPosition } from './sort-position.ts';

/** The sort keys as text (`-/a/b,/c`): a cookie only continues the order it was issued for. */
function sortKeysSignature(sortKeys: readonly SortKey[]): string {
  return sortKeys.map((key) => `${key.descending ? '-' : ''}${formatFieldPath(key.field)}`).join(',');
}

/** The cookie after an object at `position`. */
export function encodePagedResultsCookie(sortKeys: readonly SortKey[], position: SortPosition): string {
  return Buffer.from(JSON.stringify({ k: sortKeysSignature(sortKeys), v: position })).toString('base64url');
}

function isValidComponent(component: SortComponent, value: unknown): value is string | number {
  switch (component.kind) {
    case 'rank':
      return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 4;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return typeof value === 'string';
  }
}

/** The position a cookie carries; INVALID_QUERY when malformed or issued for other sort keys. */
export function decodePagedResultsCookie(cookie: string, sortKeys: readonly SortKey[], components: readonly SortComponent[]): SortPosition {
  const malformed = () => storeError('INVALID_QUERY', 'The paged results cookie is not valid');
  let decoded: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cookie)) throw malformed();
    decoded = JSON.parse(Buffer.from(cookie, 'base64url').toString('utf8'));
  } catch {
    throw malformed();
  }
  if (typeof decoded !== 'object' || decoded === null || !Object.hasOwn(decoded, 'k') || !Object.hasOwn(decoded, 'v')) throw malformed();
  const k: unknown = Reflect.get(decoded, 'k');
  const v: unknown = Reflect.get(decoded, 'v');
  if (k !== sortKeysSignature(sortKeys)) throw storeError('INVALID_QUERY', 'The paged results cookie was issued for different sort keys');
  if (!Array.isArray(v) || v.length !== components.length) throw malformed();
  const position: SortPosition = [];
  for (const [i, component] of components.entries()) {
    const value: unknown = v[i];
    if (!isValidComponent(component, value)) throw malformed();
    position.push(value);
  }
  return position;
}
