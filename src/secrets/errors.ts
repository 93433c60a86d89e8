/** Typed errors of the secrets module. */

/** Stable codes of secrets errors. */
export type SecretsErrorCode =
  /** `ARBOR_MASTER_KEY` or the master key file is not base64url of exactly 32 bytes. */
  | 'INVALID_MASTER_KEY'
  /** A stored realm key does not decrypt with the master key (wrong master key, or tampered row). */
  | 'KEY_DECRYPTION_FAILED'
  /** The master key in use is not the one the stored realm keys (or a sealed value) were encrypted with. */
  | 'MASTER_KEY_MISMATCH'
  /** No master key is there (no `ARBOR_MASTER_KEY`, no key file) although the database holds realm keys encrypted with one. */
  | 'MASTER_KEY_MISSING'
  /** Sealed data that is malformed, tampered with, or sealed with a key no longer known. */
  | 'CIPHERTEXT_INVALID';

/** A secrets error: an `Error` with a stable `code`. */
export interface SecretsError extends Error {
  readonly code: SecretsErrorCode;
}

/** Makes a secrets error. */
export function secretsError(code: SecretsErrorCode, message: string): SecretsError {
  return Object.assign(new Error(message), { name: 'SecretsError', code });
}

/** True when `value` is a secrets error (with `code`, when given). */
export function isSecretsError(value: unknown, code?: SecretsErrorCode): value is SecretsError {
  return value instanceof Error && value.name === 'SecretsError' && (code === undefined || (value as Partial<SecretsError>).code === code);
}
