/** Typed errors of the sessions module: misuse that would otherwise weaken a session guarantee silently. */

/** Stable codes of session errors. */
export type SessionErrorCode =
  /** How long an ended generation is remembered was not a positive number of milliseconds. */
  'INVALID_REVOCATION_PERIOD';

/** A session error: an `Error` with a stable `code`. */
export interface SessionError extends Error {
  readonly code: SessionErrorCode;
}

/** Makes a session error. */
export function sessionError(code: SessionErrorCode, message: string): SessionError {
  return Object.assign(new Error(message), { name: 'SessionError', code });
}

/** True when `value` is a session error (with `code`, when given). */
export function isSessionError(value: unknown, code?: SessionErrorCode): value is SessionError {
  return value instanceof Error && value.name === 'SessionError' && (code === undefined || (value as Partial<SessionError>).code === code);
}
