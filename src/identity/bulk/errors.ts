/**
 * Typed errors of bulk import and export: problems with a whole file. A bad record is not an
 * error but a reject, reported with its line number while the others are imported.
 */

/** Stable codes of bulk errors. */
export type BulkErrorCode =
  /** The CSV header row names no column, an unknown property, or a column twice. */
  | 'INVALID_CSV_HEADER'
  /** A CSV record (or a line) grew past the size limit; the file cannot be resynchronized. */
  | 'RECORD_TOO_LONG';

/** A bulk error: an `Error` with a stable `code`. */
export interface BulkError extends Error {
  readonly code: BulkErrorCode;
}

/** Makes a bulk error. */
export function bulkError(code: BulkErrorCode, message: string): BulkError {
  return Object.assign(new Error(message), { name: 'BulkError', code });
}

/** True when `value` is a bulk error (with `code`, when given). */
export function isBulkError(value: unknown, code?: BulkErrorCode): value is BulkError {
  return value instanceof Error && value.name === 'BulkError' && (code === undefined || (value as Partial<BulkError>).code === code);
}
