/** Typed errors of script secrets (the ESV secrets scripts read), each with a stable code. */

/** Stable codes of script secret errors. */
export type ScriptSecretErrorCode =
  /** The id is not `esv-` then lower-case letters, digits and `-` (124 characters at most). */
  | 'INVALID_SECRET_ID'
  /** A write whose body is refused (`fields` names each bad field). */
  | 'INVALID_SECRET'
  /** No secret has that id. */
  | 'SECRET_NOT_FOUND';

/** A refused field of a write. */
export interface ScriptSecretFieldError {
  field: string;
  reason: string;
}

/** A script secret error: an `Error` with a stable `code`. */
export interface ScriptSecretError extends Error {
  readonly code: ScriptSecretErrorCode;
  /** The bad fields of an `INVALID_SECRET`. */
  readonly fields: readonly ScriptSecretFieldError[];
}

/** Makes a script secret error. */
export function scriptSecretError(code: ScriptSecretErrorCode, message: string, fields: readonly ScriptSecretFieldError[] = []): ScriptSecretError {
  return Object.assign(new Error(message), { name: 'ScriptSecretError', code, fields });
}

/** True when `value` is a script secret error (with `code`, when given). */
export function isScriptSecretError(value: unknown, code?: ScriptSecretErrorCode): value is ScriptSecretError {
  return value instanceof Error && value.name === 'ScriptSecretError' && (code === undefined || (value as Partial<ScriptSecretError>).code === code);
}
