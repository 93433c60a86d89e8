/** Typed errors of the OpenID provider's storage adapter, with stable codes. */

export type OidcAdapterErrorCode = 'OIDC_MODEL_UNKNOWN' | 'OIDC_MODEL_READ_ONLY' | 'OIDC_PAYLOAD_INVALID';

/** An adapter error: an `Error` with a stable `code`. */
export interface OidcAdapterError extends Error {
  readonly code: OidcAdapterErrorCode;
}

/** Makes an adapter error. Messages never hold payloads (they hold tokens). */
export function oidcAdapterError(code: OidcAdapterErrorCode, message: string): OidcAdapterError {
  return Object.assign(new Error(message), { name: 'OidcAdapterError', code });
}

/** True for errors made by `oidcAdapterError` (with `code` when given). */
export function isOidcAdapterError(error: unknown, code?: OidcAdapterErrorCode): error is OidcAdapterError {
  if (!(error instanceof Error) || error.name !== 'OidcAdapterError') return false;
  const actual = (error as { code?: unknown }).code;
  return typeof actual === 'string' && (code === undefined || actual === code);
}
