/**
 * Typed errors of the CLI. A command throws them; `defineCommand` (and `runCli` for whatever
 * escapes) prints `arbor <command>: <message>` and exits with the error's status: 2 for usage
 * errors, unknown realms and users, 1 for failures.
 */

/** Stable codes of CLI errors. */
export type CliErrorCode =
  /** Bad arguments: an unknown option, a missing or malformed value, a missing file name. */
  | 'USAGE'
  /** `--realm` names no realm of this installation. */
  | 'UNKNOWN_REALM'
  /** `--username` names no user of the realm (exit 2, as an unknown realm). */
  | 'UNKNOWN_USER'
  /** A value the command cannot use (an attribute not in the schema, a value of the wrong type): exit 2, no usage text. */
  | 'INVALID_INPUT'
  /** The command was understood but cannot do its work (the store is PostgreSQL for `backup`, a file exists). */
  | 'REFUSED';

/** A CLI error: an `Error` with a stable `code` and the exit status it means. */
export interface CliError extends Error {
  readonly code: CliErrorCode;
  readonly exitCode: 1 | 2;
}

/** Makes a CLI error (`exitCode` 2 unless given). */
export function cliError(code: CliErrorCode, message: string, exitCode: 1 | 2 = 2): CliError {
  return Object.assign(new Error(message), { name: 'CliError', code, exitCode });
}

/** A usage error (exit status 2): the command prints its usage after the message. */
export function usageError(message: string): CliError {
  return cliError('USAGE', message, 2);
}

/** True when `value` is a CLI error (with `code`, when given). */
export function isCliError(value: unknown, code?: CliErrorCode): value is CliError {
  return value instanceof Error && value.name === 'CliError' && 'code' in value && 'exitCode' in value && (code === undefined || value.code === code);
}
