/** Typed errors of the policy service: misconfigured policies, never a failed validation (that is a result). */

/** Stable codes of policy errors. */
export type PolicyErrorCode =
  /** A property names a policy id the service does not know. */
  | 'UNKNOWN_POLICY'
  /** A policy's `params` lack a field it needs, or have the wrong type. */
  | 'INVALID_POLICY_PARAMS';

/** A policy error: an `Error` with a stable `code`. */
export interface PolicyError extends Error {
  readonly code: PolicyErrorCode;
}

/** Makes a policy error. */
export function policyError(code: PolicyErrorCode, message: string): PolicyError {
  return Object.assign(new Error(message), { name: 'PolicyError', code });
}

/** True when `value` is a policy error (with `code`, when given). */
export function isPolicyError(value: unknown, code?: PolicyErrorCode): value is PolicyError {
  return value instanceof Error && value.name === 'PolicyError' && (code === undefined || (value as Partial<PolicyError>).code === code);
}
