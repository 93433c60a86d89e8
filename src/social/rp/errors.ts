/**
 * Typed errors of the social relying party. Every failure of a sign-in at a provider has a stable
 * code; the message says why for the operator's log and never carries a token, a code, a secret or
 * a PKCE verifier.
 */

/** Stable codes of relying-party errors. */
export type SocialRpErrorCode =
  /** The provider configuration cannot work (no secret, no key, no encryption key at the provider…). */
  | 'CONFIGURATION_INVALID'
  /** A native app's access token whose audience the provider's answer cannot prove (plain JSON userinfo, OAuth 2.0 profile APIs). */
  | 'ACCESS_TOKEN_NOT_BOUND'
  /** The `state` returned by the provider is not the one this journey sent: the code is never redeemed. */
  | 'STATE_MISMATCH'
  /** The user refused (or cancelled) at the provider (`error=access_denied`). */
  | 'ACCESS_DENIED'
  /** The provider answered the authorization request with another error. */
  | 'AUTHORIZATION_ERROR'
  /** The callback carried neither a code nor an error. */
  | 'MISSING_CODE'
  /** The provider could not be reached (connection refused, DNS, TLS). */
  | 'PROVIDER_UNREACHABLE'
  /** The provider did not answer within the configured time. */
  | 'PROVIDER_TIMEOUT'
  /** The provider's answer is larger than the relying party accepts. */
  | 'PROVIDER_RESPONSE_TOO_LARGE'
  /** A provider document (discovery, JWKS) is not what it must be. */
  | 'PROVIDER_METADATA_INVALID'
  /** The token endpoint refused the request (an OAuth `error`, also inside a 200 answer). */
  | 'TOKEN_REQUEST_REJECTED'
  /** The token endpoint's answer is not a usable token response. */
  | 'BAD_TOKEN_RESPONSE'
  /** The ID token (or the `iss` callback parameter) names another issuer. */
  | 'ISSUER_MISMATCH'
  /** The ID token is signed by a key the provider does not publish. */
  | 'UNKNOWN_SIGNING_KEY'
  /** The ID token's signature does not verify, or it uses an algorithm that is not allowed. */
  | 'ID_TOKEN_SIGNATURE_INVALID'
  /** The ID token could not be decrypted with the realm's keys, or was not encrypted when it must be. */
  | 'ID_TOKEN_DECRYPTION_FAILED'
  /** The ID token's nonce is not the one this journey sent. */
  | 'NONCE_MISMATCH'
  /** The ID token has expired. */
  | 'ID_TOKEN_EXPIRED'
  /** The ID token is malformed or fails another check (audience, missing claims, issued in the future). */
  | 'ID_TOKEN_INVALID'
  /** The ID token's `acr` is not one of the requested `acr_values`. */
  | 'ACR_NOT_SATISFIED'
  /** The userinfo answer is not in the configured format (JSON, signed JWT, signed-then-encrypted JWT). */
  | 'USERINFO_WRONG_FORMAT'
  /** The userinfo answer is in the right format but fails a check (signature, decryption, subject). */
  | 'USERINFO_INVALID'
  /** The user profile endpoint of a plain OAuth 2.0 provider refused or answered something unusable. */
  | 'PROFILE_REQUEST_FAILED'
  /** The request_uri built for a request object is longer than 512 characters. */
  | 'REQUEST_URI_TOO_LONG';

/** A relying-party error: an `Error` with a stable `code`. */
export interface SocialRpError extends Error {
  readonly code: SocialRpErrorCode;
}

/** Makes a relying-party error; `cause` is kept for debugging but must not carry secrets. */
export function socialRpError(code: SocialRpErrorCode, message: string, cause?: unknown): SocialRpError {
  const error = cause === undefined ? new Error(message) : new Error(message, { cause });
  return Object.assign(error, { name: 'SocialRpError', code });
}

/** True when `value` is a relying-party error (with `code`, when given). */
export function isSocialRpError(value: unknown, code?: SocialRpErrorCode): value is SocialRpError {
  return value instanceof Error && value.name === 'SocialRpError' && (code === undefined || (value as Partial<SocialRpError>).code === code);
}
