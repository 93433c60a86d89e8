/**
 * The typed error of a credential check refused for now, whatever the protocol: THROTTLED (too
 * many failed attempts from the client address, or on an administrator from that address: HTTP
 * 429) or OVERLOADED (no password hashing capacity left: HTTP 503). Both carry the seconds after
 * which the same request may succeed (`Retry-After`). The journey engine puts the step back, so
 * that the client may send the very same answer again.
 */

/** Stable codes of retry-later errors. */
export type RetryLaterCode =
  /** Too many failed credential checks: 429 Too Many Requests. */
  | 'THROTTLED'
  /** Password hashing is at its bound and its queue is full: 503 Service Unavailable. */
  | 'OVERLOADED';

/** A refusal for now; `message` is safe to show to the client. */
export interface RetryLaterError extends Error {
  readonly code: RetryLaterCode;
  /** Whole seconds, at least 1. */
  readonly retryAfterSeconds: number;
}

/** Makes a retry-later error; `retryAfterSeconds` is rounded up to a whole second, at least 1. */
export function retryLaterError(code: RetryLaterCode, message: string, retryAfterSeconds: number): RetryLaterError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return Object.assign(new Error(message), { name: 'RetryLaterError', code, retryAfterSeconds: seconds });
}

/** True when `value` is a retry-later error (with `code`, when given). */
export function isRetryLaterError(value: unknown, code?: RetryLaterCode): value is RetryLaterError {
  return value instanceof Error && value.name === 'RetryLaterError' && (code === undefined || (value as Partial<RetryLaterError>).code === code);
}
