/**
 * Typed errors of the store. Absent objects on reads are values (`undefined`); these are for writes
 * that cannot be applied and for lookups the store refuses.
 */

/** Stable codes of store errors. */
export type StoreErrorCode =
  /** The object to update or delete does not exist. */
  | 'NOT_FOUND'
  /** The object exists but its revision is not the expected one (a concurrent write won). */
  | 'REV_MISMATCH'
  /** An object with that type and id already exists. */
  | 'DUPLICATE_ID'
  /** An attribute name that is not a plain top-level identifier (it would end up in SQL). */
  | 'INVALID_ATTRIBUTE'
  /** A query the store cannot run: a malformed or foreign paged-results cookie, bad paging values. */
  | 'INVALID_QUERY'
  /** A write (or a new unique attribute) would give two objects of a type the same value of a unique attribute. */
  | 'UNIQUE_VIOLATION';

/** A store error: an `Error` with a stable `code`. */
export interface StoreError extends Error {
  readonly code: StoreErrorCode;
  /** The attribute concerned (UNIQUE_VIOLATION). */
  readonly attribute?: string;
  /** Machine-readable detail, e.g. `{type, attribute}` for UNIQUE_VIOLATION. */
  readonly detail?: unknown;
}

/** Extra facts a store error may carry. */
export interface StoreErrorDetails {
  attribute?: string;
  detail?: unknown;
}

/** Makes a store error. */
export function storeError(code: StoreErrorCode, message: string, details: StoreErrorDetails = {}): StoreError {
  return Object.assign(new Error(message), { name: 'StoreError', code }, details);
}

/** True when `value` is a store error (with `code`, when given). */
export function isStoreError(value: unknown, code?: StoreErrorCode): value is StoreError {
  return (
    value instanceof Error &&
    value.name === 'StoreError' &&
    typeof (value as Partial<StoreError>).code === 'string' &&
    (code === undefined || (value as Partial<StoreError>).code === code)
  );
}
