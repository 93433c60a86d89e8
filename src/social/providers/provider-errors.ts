/** Typed errors of the Social Identity Provider Service. */

/** Stable codes of provider errors. */
export type SocialProviderErrorCode =
  /** The provider's JSON has bad fields; `fields` lists every one. */
  | 'INVALID_PROVIDER'
  /** No provider of that type and name in the realm. */
  | 'PROVIDER_NOT_FOUND'
  /** The name is taken by a provider of another type (names are unique per realm, as SelectIdP offers them by name). */
  | 'PROVIDER_NAME_TAKEN'
  /** A `transform` or node `script` id that is no built-in normalization. */
  | 'UNKNOWN_TRANSFORM'
  /** A raw profile the normalization cannot read (no account id). */
  | 'PROFILE_INVALID'
  /** The stored secret cannot be opened (another master key, or tampered). */
  | 'SECRET_UNAVAILABLE';

/** One bad field: its AM key and why. */
export interface ProviderFieldError {
  field: string;
  reason: string;
}

/** A provider error: an `Error` with a stable `code` (and the bad fields of INVALID_PROVIDER). */
export interface SocialProviderError extends Error {
  readonly code: SocialProviderErrorCode;
  readonly fields: readonly ProviderFieldError[];
}

/** Makes a provider error. */
export function socialProviderError(code: SocialProviderErrorCode, message: string, fields: readonly ProviderFieldError[] = []): SocialProviderError {
  return Object.assign(new Error(message), { name: 'SocialProviderError', code, fields });
}

/** The INVALID_PROVIDER error listing every field. */
export function invalidProvider(fields: readonly ProviderFieldError[]): SocialProviderError {
  return socialProviderError('INVALID_PROVIDER', `Invalid provider configuration: ${fields.map((error) => `${error.field}: ${error.reason}`).join('; ')}`, fields);
}

/** True when `value` is a provider error (with `code`, when given). */
export function isSocialProviderError(value: unknown, code?: SocialProviderErrorCode): value is SocialProviderError {
  return value instanceof Error && value.name === 'SocialProviderError' && (code === undefined || (value as Partial<SocialProviderError>).code === code);
}
