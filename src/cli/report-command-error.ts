/**
 * How a failed command tells the operator: one line `arbor <command>: <message>` on standard
 * error (the usage text after a usage error), the stack trace only with ARBOR_DEBUG=true, and the
 * exit status: the CLI error's own, 2 for a bad setting, 1 for anything else.
 */
import { isSettingsError } from '../config/server-settings.ts';
import { isCliError } from './cli-error.ts';
import type { CliCommand, CliContext } from './command.ts';

/** Prints `error` for `command` and resolves to the exit status. */
export function reportCommandError(ctx: Pick<CliContext, 'err'>, command: Pick<CliCommand, 'path' | 'usage'>, error: unknown, debug: boolean): number {
  const message = error instanceof Error ? error.message : String(error);
  ctx.err(`arbor ${command.path.join(' ')}: ${message}`);
  if (debug && error instanceof Error && error.stack !== undefined) ctx.err(error.stack);
  if (isCliError(error, 'USAGE')) {
    ctx.err('');
    ctx.err(command.usage);
  }
  if (isCliError(error)) return error.exitCode;
  return isSettingsError(error) ? 2 : 1;
}
