/**
 * What a script's asynchronous bindings (`httpClient`, `openidm`, `idRepository`) reach: one
 * operation at a time, by name, with JSON arguments. A refusal the script may catch is a
 * `ScriptHostError`; its message is what the script sees.
 */

/** The host side of a script's asynchronous bindings. */
export interface ScriptHost {
  /** Runs `op` (`http`, `idm.query`, `idrepo.get`…) with `args`; the answer is JSON data. */
  call(op: string, args: unknown): Promise<unknown>;
}

/** A host call refused or failed, told to the script as a catchable error. */
export interface ScriptHostError extends Error {
  code: string;
}

/** Makes a host error (`HTTP_HOST_REFUSED`, `NOT_FOUND`…). */
export function scriptHostError(code: string, message: string): ScriptHostError {
  return Object.assign(new Error(message), { code, name: 'ScriptHostError' });
}

/** True for errors made by `scriptHostError`. */
export function isScriptHostError(error: unknown): error is ScriptHostError {
  return error instanceof Error && error.name === 'ScriptHostError';
}

/** A log line a script wrote (`logger.*`) or the host wrote about it. */
export interface ScriptLogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
}
