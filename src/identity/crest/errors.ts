/**
 * Typed errors of the CREST managed-object service. Each code stands for one Common REST answer
 * (the HTTP layer maps them to statuses); `detail` carries what IDM puts in the error body.
 */

/** Stable codes of CREST errors. */
export type CrestErrorCode =
  /** A malformed request: bad parameter, patch operation, `_fields`, header value (400). */
  | 'BAD_REQUEST'
  /** The managed object does not exist (404). */
  | 'NOT_FOUND'
  /** `If-Match` names a revision that is not the current one, or `If-None-Match: *` met an existing object (412). */
  | 'PRECONDITION_FAILED'
  /** The policy service refused the resulting object; `detail` is IDM's `{result, failedPolicyRequirements}` (403). */
  | 'POLICY_VALIDATION_FAILED'
  /** The caller may not do this to this object or property (403). */
  | 'FORBIDDEN'
  /** The request conflicts with what is stored (e.g. a unique index over duplicated data) (409). */
  | 'CONFLICT'
  /** The object kept changing under a read-modify-write without `If-Match`; retries ran out (409). */
  | 'CONCURRENT_UPDATE';

/** A CREST error: an `Error` with a stable `code` and optional `detail` for the error body. */
export interface CrestError extends Error {
  readonly code: CrestErrorCode;
  readonly detail?: Record<string, unknown>;
}

/** Makes a CREST error. */
export function crestError(code: CrestErrorCode, message: string, detail?: Record<string, unknown>): CrestError {
  const extra = detail === undefined ? { code } : { code, detail };
  return Object.assign(new Error(message), { name: 'CrestError' }, extra);
}

/** True when `value` is a CREST error (with `code`, when given). */
export function isCrestError(value: unknown, code?: CrestErrorCode): value is CrestError {
  return value instanceof Error && value.name === 'CrestError' && (code === undefined || (value as Partial<CrestError>).code === code);
}
