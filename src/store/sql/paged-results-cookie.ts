/**
 * The opaque `pagedResultsCookie`: base64url JSON of the sort keys it was issued for and the sort
 * values of the last row returned, from which the next page continues (keyset pagination).
 */
import type { SortKey } from '../../identity/ports.ts';
import { formatFieldPath } from '../../identity/query-filter/format-query-filter.ts';
import { storeError } from '../errors.ts';
import type { SqlDialectName } from './database.ts';
import type { SortComponent } from './sort-key-sql.ts';

/** The sort keys as text (`-/a/b,/c`): a cookie only continues the order it was issued for. */
export function sortKeysSignature(sortKeys: readonly SortKey[]): string {
  return sortKeys.map((key) => `${key.descending ? '-' : ''}${formatFieldPath(key.field)}`).join(',');
}

/** The cookie after a row whose component values are `values`. */
export function encodePagedResultsCookie(sortKeys: readonly SortKey[], values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify({ k: sortKeysSignature(sortKeys), v: values })).toString('base64url');
}

function isValidNumberComponent(dialect: SqlDialectName, value: unknown): boolean {
  if (dialect === 'sqlite') return typeof value === 'number' && Number.isFinite(value);
  if (typeof value !== 'string') return false;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'number' || typeof parsed === 'boolean';
  } catch {
    return false;
  }
}

function isValidComponent(dialect: SqlDialectName, component: SortComponent, value: unknown): value is string | number {
  switch (component.kind) {
    case 'rank':
      return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 4;
    case 'number':
      return isValidNumberComponent(dialect, value);
    default:
      // Text a database can bind: no U+0000 (PostgreSQL refuses it) and no unpaired surrogate.
      return typeof value === 'string' && !value.includes('\u0000') && value.isWellFormed();
  }
}

/** The component values a cookie carries; INVALID_QUERY when malformed or issued for other sort keys. */
export function decodePagedResultsCookie(
  cookie: string,
  sortKeys: readonly SortKey[],
  components: readonly SortComponent[],
  dialect: SqlDialectName,
): (string | number)[] {
  const malformed = () => storeError('INVALID_QUERY', 'The paged results cookie is not valid');
  let decoded: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cookie)) throw malformed();
    decoded = JSON.parse(Buffer.from(cookie, 'base64url').toString('utf8'));
  } catch {
    throw malformed();
  }
  if (typeof decoded !== 'object' || decoded === null || !('k' in decoded) || !('v' in decoded)) throw malformed();
  if (decoded.k !== sortKeysSignature(sortKeys)) {
    throw storeError('INVALID_QUERY', 'The paged results cookie was issued for different sort keys');
  }
  const values = decoded.v;
  if (!Array.isArray(values) || values.length !== components.length) throw malformed();
  const checked: (string | number)[] = [];
  for (const [i, component] of components.entries()) {
    const value: unknown = values[i];
    if (!isValidComponent(dialect, component, value)) throw malformed();
    checked.push(value);
  }
  return checked;
}
