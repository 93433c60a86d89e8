/**
 * The opaque `pagedResultsCookie` on SQL (`store/shared/paged-results-cookie.ts`): the sort values
 * of the last row returned, from which the next page continues (keyset pagination). Its values
 * must be what the dialect binds: numbers as SQLite returns them or as PostgreSQL's jsonb text,
 * strings without U+0000 (PostgreSQL refuses it) or unpaired surrogates.
 */
import type { SortKey } from '../../identity/ports.ts';
import { decodePagedResultsCookie as decodeCookie, type SortValue, type SortValueCheck } from '../shared/paged-results-cookie.ts';
import type { SqlDialectName } from './database.ts';
import type { SortComponent } from './sort-key-sql.ts';

export { encodePagedResultsCookie } from '../shared/paged-results-cookie.ts';

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

/** The check of a cookie's values for `dialect`. */
function valueCheck(dialect: SqlDialectName): SortValueCheck {
  return (kind, value): value is SortValue => {
    if (kind === 'number') return isValidNumberComponent(dialect, value);
    // Text a database can bind: no U+0000 (PostgreSQL refuses it) and no unpaired surrogate.
    return typeof value === 'string' && !value.includes('\u0000') && value.isWellFormed();
  };
}

/** The component values a cookie carries; INVALID_QUERY when malformed or issued for other sort keys. */
export function decodePagedResultsCookie(cookie: string, sortKeys: readonly SortKey[], components: readonly SortComponent[], dialect: SqlDialectName): SortValue[] {
  return decodeCookie(cookie, sortKeys, components, valueCheck(dialect));
}
