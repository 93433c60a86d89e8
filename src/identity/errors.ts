/**
 * Typed errors of the identity module. Expected results (a wrong password, an unknown user) are
 * values; these are for refused writes, bad configuration and misuse.
 */

/** Stable codes of identity errors. */
export type IdentityErrorCode =
  /** A password longer than the hasher accepts (256 UTF-8 bytes); refused before hashing. */
  | 'PASSWORD_TOO_LONG'
  /** A security answer longer than the KBA hasher accepts (256 UTF-8 bytes once normalized). */
  | 'KBA_ANSWER_TOO_LONG'
  /** A security answer that is not text: a hash a user chose, or one past the cost limits in a bulk import. */
  | 'KBA_ANSWER_NOT_ACCEPTED'
  /** A write the policy service refused; `detail` is IDM's `{result, failedPolicyRequirements}`. */
  | 'POLICY_VALIDATION_FAILED'
  /** The `managed` config document (or a schema in it) does not have IDM's managed.json shape. */
  | 'INVALID_MANAGED_CONFIG'
  /** No managed object type of that name is configured. */
  | 'UNKNOWN_MANAGED_TYPE'
  /** An identity resource other than `managed/<type>`. */
  | 'UNSUPPORTED_IDENTITY_RESOURCE'
  /** The managed object does not exist. */
  | 'OBJECT_NOT_FOUND'
  /** The object kept changing under a read-modify-write; retries ran out. */
  | 'CONCURRENT_UPDATE'
  /** An attribute name or `/`-path segment that names no property: empty, `__proto__`, `constructor` or `prototype`. */
  | 'INVALID_ATTRIBUTE_NAME';

/** An identity error: an `Error` with a stable `code` and optional machine-readable `detail`. */
export interface IdentityError extends Error {
  readonly code: IdentityErrorCode;
  readonly detail?: unknown;
}

/** Makes an identity error. */
export function identityError(code: IdentityErrorCode, message: string, detail?: unknown): IdentityError {
  const extra = detail === undefined ? { code } : { code, detail };
  return Object.assign(new Error(message), { name: 'IdentityError' }, extra);
}

/** True when `value` is an identity error (with `code`, when given). */
export function isIdentityError(value: unknown, code?: IdentityErrorCode): value is IdentityError {
  return value instanceof Error && value.name === 'IdentityError' && (code === undefined || (value as Partial<IdentityError>).code === code);
}

/** True when a store error carries `code` (the repositories' REV_MISMATCH, NOT_FOUND, DUPLICATE_ID). */
export function hasErrorCode(value: unknown, code: string): boolean {
  return typeof value === 'object' && value !== null && 'code' in value && value.code === code;
}
