/**
 * Typed errors of `_queryFilter` handling. Both are client errors: the HTTP layer answers 400
 * with the message as it is (it names the position, the expected token, or the field).
 */

/** Stable codes of query filter errors. */
export type QueryFilterErrorCode =
  /** The filter text does not follow the CREST grammar, uses an unsupported operator or is too large. */
  | 'INVALID_QUERY_FILTER'
  /** The filter compares a field the managed object schema does not mark searchable. */
  | 'QUERY_FIELD_NOT_SEARCHABLE';

/** A query filter error: an `Error` with a stable `code`, the offending `position` or `field`. */
export interface QueryFilterError extends Error {
  readonly code: QueryFilterErrorCode;
  /** Zero-based character offset in the filter text (INVALID_QUERY_FILTER). */
  readonly position?: number;
  /** The field, as a pointer `/a/b` (QUERY_FIELD_NOT_SEARCHABLE). */
  readonly field?: string;
}

/** Makes an INVALID_QUERY_FILTER error: `Invalid query filter at position <n>: <problem>`. */
export function invalidQueryFilter(position: number, problem: string): QueryFilterError {
  const message = `Invalid query filter at position ${position}: ${problem}`;
  return Object.assign(new Error(message), { name: 'QueryFilterError', code: 'INVALID_QUERY_FILTER' as const, position });
}

/** Makes a QUERY_FIELD_NOT_SEARCHABLE error for `field` (a name or pointer). */
export function fieldNotSearchable(field: string): QueryFilterError {
  const message = `Field '${field}' is not searchable; mark it searchable in the managed object schema to query it`;
  return Object.assign(new Error(message), { name: 'QueryFilterError', code: 'QUERY_FIELD_NOT_SEARCHABLE' as const, field });
}

/** True when `value` is a query filter error (with `code`, when given). */
export function isQueryFilterError(value: unknown, code?: QueryFilterErrorCode): value is QueryFilterError {
  return (
    value instanceof Error &&
    value.name === 'QueryFilterError' &&
    typeof (value as Partial<QueryFilterError>).code === 'string' &&
    (code === undefined || (value as Partial<QueryFilterError>).code === code)
  );
}
