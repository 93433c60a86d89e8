/**
 * The typed errors a script run ends with. Each has a stable code that the log line and the
 * documentation (`docs/scripting.md`) name; `message` is for operators, never shown to users.
 */

/** Stable codes of script failures. */
export type ScriptErrorCode =
  /** The script ran past the realm's `scripting.timeoutMs`. */
  | 'SCRIPT_TIMEOUT'
  /** The script used more than the realm's `scripting.memoryBytes`. */
  | 'SCRIPT_MEMORY'
  /** The script recursed deeper than the sandbox's stack allows. */
  | 'SCRIPT_STACK_OVERFLOW'
  /** The script threw, did not compile, or asked for something the node cannot do. */
  | 'SCRIPT_ERROR'
  /** The script's result (state, callbacks) is larger than the realm's `scripting.maxOutputBytes`. */
  | 'SCRIPT_OUTPUT_TOO_LARGE'
  /** The script is Groovy (kept, never run) or of a language Arbor does not know. */
  | 'SCRIPT_LANGUAGE_UNSUPPORTED'
  /** The node names a script the realm does not have. */
  | 'SCRIPT_NOT_FOUND'
  /** The script chose an outcome the node does not declare. */
  | 'SCRIPT_OUTCOME_UNDECLARED';

/** A failed script run. */
export interface ScriptError extends Error {
  code: ScriptErrorCode;
}

/** Makes a script error. */
export function scriptError(code: ScriptErrorCode, message: string): ScriptError {
  return Object.assign(new Error(message), { code, name: 'ScriptError' });
}

/** True for errors made by `scriptError`. */
export function isScriptError(error: unknown): error is ScriptError {
  return error instanceof Error && error.name === 'ScriptError' && typeof (error as { code?: unknown }).code === 'string';
}
