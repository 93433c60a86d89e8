/** Typed errors of the audit service, with stable codes; all are the client's mistakes (400). */

/** Stable codes of audit errors. */
export type AuditErrorCode = 'AUDIT_TOPIC_UNKNOWN' | 'AUDIT_QUERY_INVALID';

/** An audit error: an `Error` with a stable `code`. */
export interface AuditError extends Error {
  readonly code: AuditErrorCode;
}

/** Makes an audit error. */
export function auditError(code: AuditErrorCode, message: string): AuditError {
  return Object.assign(new Error(message), { name: 'AuditError', code });
}

/** True for errors made by `auditError`. */
export function isAuditError(error: unknown): error is AuditError {
  return error instanceof Error && error.name === 'AuditError' && typeof (error as { code?: unknown }).code === 'string';
}
