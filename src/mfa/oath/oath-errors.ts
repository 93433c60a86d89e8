/** Typed errors of the OATH domain (base32 text, secrets, URIs), with stable codes. */

export type OathErrorCode = 'OATH_BASE32_INVALID' | 'OATH_SECRET_INVALID' | 'OATH_PARAMETER_INVALID';

/** An OATH error: an `Error` with a stable `code`. */
export interface OathError extends Error {
  readonly code: OathErrorCode;
}

/** Makes an OATH error. */
export function oathError(code: OathErrorCode, message: string): OathError {
  return Object.assign(new Error(message), { name: 'OathError', code });
}
