/**
 * The opaque `pagedResultsCookie` of every store: base64url JSON of the sort keys it was issued for
 * (`k`, as text: a cookie only continues the order it was issued for) and the sort values of the
 * last object returned (`v`, one per sort component), from which the next page continues strictly
 * after. A cookie that is malformed, carries values of the wrong kind or was issued for other sort
 * keys is refused with INVALID_QUERY. What a number, string or id value may be is each store's
 * own (`isValidValue`); a rank, the JSON type's place in the order, is 0 to 4 everywhere.
 */
import type { SortKey } from '../../identity/ports.ts';
import { formatFieldPath } from '../../identity/query-filter/format-query-filter.ts';
import { storeError } from '../errors.ts';

/** What a sort component holds: the type rank, a number/boolean, a folded string, or the id. */
export type SortComponentKind = 'rank' | 'number' | 'string' | 'id';

/** One value of a sort position. */
export type SortValue = string | number;

/** A store's check of a cookie's value for a component of `kind` (other than a rank). */
export type SortValueCheck = (kind: Exclude<SortComponentKind, 'rank'>, value: unknown) => value is SortValue;

/** The sort keys as text (`-/a/b,/c`). */
function sortKeysSignature(sortKeys: readonly SortKey[]): string {
  return sortKeys.map((key) => `${key.descending ? '-' : ''}${formatFieldPath(key.field)}`).join(',');
}

/** The cookie after an object whose component values are `values`. */
export function encodePagedResultsCookie(sortKeys: readonly SortKey[], values: readonly SortValue[]): string {
  return Buffer.from(JSON.stringify({ k: sortKeysSignature(sortKeys), v: values })).toString('base64url');
}

function isValidValue(kind: SortComponentKind, value: unknown, check: SortValueCheck): value is SortValue {
  if (kind === 'rank') return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 4;
  return check(kind, value);
}

/**
 * The component values a cookie carries, one per component of `components` (the order of
 * `sortKeys`), each checked by `check`; INVALID_QUERY when malformed or issued for other sort keys.
 */
export function decodePagedResultsCookie(cookie: string, sortKeys: readonly SortKey[], components: readonly { kind: SortComponentKind }[], check: SortValueCheck): SortValue[] {
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
  const values: SortValue[] = [];
  for (const [i, component] of components.entries()) {
    const value: unknown = v[i];
    if (!isValidValue(component.kind, value, check)) throw malformed();
    values.push(value);
  }
  return values;
}
