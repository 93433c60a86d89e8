/**
 * The `arbor` CLI entry (`npm start` runs `arbor start`). Dispatches to the command whose words
 * match the arguments; `--help` works on every command.
 */
import type { CliCommand, CliContext } from './cli/command.ts';
import { cliContext } from './cli/cli-context.ts';
import { journeyExportCommand } from './cli/journey-export-command.ts';
import { journeyImportCommand } from './cli/journey-import-command.ts';
import { mailListCommand } from './cli/mail-list-command.ts';
import { mailShowCommand } from './cli/mail-show-command.ts';
import { startCommand } from './cli/start-command.ts';
import { userAddCommand } from './cli/user-add-command.ts';
import { userListCommand } from './cli/user-list-command.ts';
import { usersExportCommand } from './cli/users-export-command.ts';
import { usersImportCommand } from './cli/users-import-command.ts';

/** Every command, in the order `arbor --help` lists them. */
export const commands: CliCommand[] = [startCommand, journeyImportCommand, journeyExportCommand, userAddCommand, userListCommand, usersImportCommand, usersExportCommand, mailListCommand, mailShowCommand];

function overview(): string {
  const width = Math.max(...commands.map((c) => c.path.join(' ').length));
  return [
    'Usage: arbor <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`),
    '',
    'Run `arbor <command> --help` for the options of a command.',
  ].join('\n');
}

/** Runs the CLI with `args` (without `node main.ts`); resolves to the exit code. */
export async function runCli(args: string[], ctx: CliContext): Promise<number> {
  const matches = commands.filter((c) => c.path.every((word, i) => args[i] === word)).sort((a, b) => b.path.length - a.path.length);
  const command = matches[0];
  if (command === undefined) {
    const helpAsked = args.length === 0 || args[0] === '--help' || args[0] === '-h' || args[0] === 'help';
    if (!helpAsked) ctx.err(`arbor: unknown command "${args.join(' ')}"\n`);
    (helpAsked ? ctx.out : ctx.err)(overview());
    return helpAsked ? 0 : 2;
  }
  const rest = args.slice(command.path.length);
  if (rest.includes('--help') || rest.includes('-h')) {
    ctx.out(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, ctx);
  } catch (error) {
    // Operators get the message, not a stack trace; ARBOR_DEBUG=true shows the stack.
    ctx.err(`arbor ${command.path.join(' ')}: ${error instanceof Error ? error.message : String(error)}`);
    if (ctx.env.ARBOR_DEBUG === 'true' && error instanceof Error && error.stack) ctx.err(error.stack);
    return 1;
  }
}

/** Runs the CLI for this process (arguments, environment, exit code). */
export async function runMain(): Promise<void> {
  const code = await runCli(process.argv.slice(2), cliContext(process.env));
  process.exitCode = code;
}

if (import.meta.main) await runMain();
