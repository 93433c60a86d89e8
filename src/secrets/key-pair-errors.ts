/** Typed errors of asymmetric realm keys: a key or certificate Arbor refuses, each with a one-line message. */

/** Stable codes of key pair errors. */
export type KeyPairErrorCode =
  /** The file holds no PEM private key Arbor can read (PKCS#8, PKCS#1 or SEC1), or an encrypted one. */
  | 'KEY_UNREADABLE'
  /** A key type, size or curve Arbor does not use (RSA under 2048 bits, a curve other than P-256, Ed25519…). */
  | 'KEY_UNSUPPORTED'
  /** An algorithm that is not one of the use's, or not one the key can do (`ES256` with an RSA key). */
  | 'ALGORITHM_UNSUPPORTED'
  /** A certificate that cannot be read, is not the key's, is expired, or a chain out of order. */
  | 'CERTIFICATE_INVALID'
  /** The realm holds this key already (a key serves one use; a replaced key is not brought back). */
  | 'KEY_EXISTS'
  /** No key to rotate or to use (the realm has no active key of that use and algorithm). */
  | 'KEY_MISSING'
  /** A key Arbor cannot make again by itself (a CA-issued TLS certificate): import its successor. */
  | 'NOT_ROTATABLE';

/** A key pair error: an `Error` with a stable `code`. */
export interface KeyPairError extends Error {
  readonly code: KeyPairErrorCode;
}

/** Makes a key pair error. */
export function keyPairError(code: KeyPairErrorCode, message: string): KeyPairError {
  return Object.assign(new Error(message), { name: 'KeyPairError', code });
}

/** True when `value` is a key pair error (with `code`, when given). */
export function isKeyPairError(value: unknown, code?: KeyPairErrorCode): value is KeyPairError {
  return value instanceof Error && value.name === 'KeyPairError' && (code === undefined || (value as Partial<KeyPairError>).code === code);
}
