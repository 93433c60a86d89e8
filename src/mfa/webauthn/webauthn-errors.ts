/** Typed errors of WebAuthn ceremonies, with stable codes (never carrying key material). */

export type WebAuthnErrorCode =
  /** The client's answer is not of the SDK's forms (legacy `::` string or JSON), or too large. */
  | 'WEBAUTHN_MALFORMED'
  /** The attestation or assertion does not verify (challenge, origin, rp id, flags, signature…). */
  | 'WEBAUTHN_NOT_VERIFIED'
  /** The signature counter did not increase: the authenticator was probably cloned. */
  | 'WEBAUTHN_CLONED_AUTHENTICATOR'
  /** The stored device record is not a WebAuthn credential Arbor can use. */
  | 'WEBAUTHN_DEVICE_INVALID';

/** A WebAuthn error: an `Error` with a stable `code`. */
export interface WebAuthnError extends Error {
  readonly code: WebAuthnErrorCode;
}

/** Makes a WebAuthn error. */
export function webAuthnError(code: WebAuthnErrorCode, message: string): WebAuthnError {
  return Object.assign(new Error(message), { name: 'WebAuthnError', code });
}

/** True for errors made by `webAuthnError`. */
export function isWebAuthnError(error: unknown): error is WebAuthnError {
  return error instanceof Error && error.name === 'WebAuthnError' && typeof (error as { code?: unknown }).code === 'string';
}
