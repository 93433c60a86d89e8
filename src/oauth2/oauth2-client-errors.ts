/** Typed errors of the realms' OAuth 2.0 clients. */

/** Stable codes. */
export type OAuth2ClientErrorCode =
  /** The client's JSON has bad fields; `fields` lists every one. */
  | 'INVALID_CLIENT'
  /** No client with that id in the realm. */
  | 'CLIENT_NOT_FOUND'
  /** The stored secret cannot be opened (another master key, or tampered). */
  | 'SECRET_UNAVAILABLE';

/** One bad field: its AM path (`coreOAuth2ClientConfig.redirectionUris`) and why. */
export interface ClientFieldError {
  field: string;
  reason: string;
}

/** An error with a stable `code` (and the bad fields of INVALID_CLIENT). */
export interface OAuth2ClientError extends Error {
  readonly code: OAuth2ClientErrorCode;
  readonly fields: readonly ClientFieldError[];
}

/** Makes an error. */
export function oauth2ClientError(code: OAuth2ClientErrorCode, message: string, fields: readonly ClientFieldError[] = []): OAuth2ClientError {
  return Object.assign(new Error(message), { name: 'OAuth2ClientError', code, fields });
}

/** The INVALID_CLIENT error naming every bad field. */
export function invalidClient(fields: readonly ClientFieldError[]): OAuth2ClientError {
  return oauth2ClientError('INVALID_CLIENT', `Invalid OAuth2 client: ${fields.map((error) => `${error.field}: ${error.reason}`).join('; ')}`, fields);
}

/** True when `value` is such an error (with `code`, when given). */
export function isOAuth2ClientError(value: unknown, code?: OAuth2ClientErrorCode): value is OAuth2ClientError {
  return value instanceof Error && value.name === 'OAuth2ClientError' && (code === undefined || (value as Partial<OAuth2ClientError>).code === code);
}
