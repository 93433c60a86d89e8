/**
 * Makes a `CliCommand` whose expected failures (usage errors, unknown realms, bad settings:
 * `CliError` and `SettingsError`) are printed in the `arbor <command>: <message>` form and turned
 * into the exit status by the command itself, so that calling `run` directly (tests) behaves as
 * `arbor` does. Anything else is left to `runCli` (exit 1).
 */
import { booleanSetting, isSettingsError } from '../config/server-settings.ts';
import { isCliError } from './cli-error.ts';
import type { CliCommand } from './command.ts';
import { reportCommandError } from './report-command-error.ts';

/** `ARBOR_DEBUG` as a boolean, false when it cannot be read (`runCli` reports that). */
export function debugEnabled(env: Record<string, string | undefined>): boolean {
  try {
    return booleanSetting(env, 'ARBOR_DEBUG', false);
  } catch {
    return false;
  }
}

/** `spec` with its expected failures reported by the command. */
export function defineCommand(spec: CliCommand): CliCommand {
  return {
    ...spec,
    async run(args, ctx) {
      try {
        return await spec.run(args, ctx);
      } catch (error) {
        if (isCliError(error) || isSettingsError(error)) return reportCommandError(ctx, spec, error, debugEnabled(ctx.env));
        throw error;
      }
    },
  };
}
