/**
 * The `arbor` CLI (entry: `src/main.ts`; `npm start` runs `arbor start`). Dispatches to the command whose words
 * match the arguments; `--help` works on every command and on every group of commands
 * (`arbor journey --help` lists the `journey` subcommands), and `arbor help <command>` too.
 * Failures print `arbor <command>: <message>` (no stack trace unless ARBOR_DEBUG=true) and exit
 * 2 for usage errors and bad settings, 1 otherwise.
 */
import { adminResetPasswordCommand } from './admin-reset-password-command.ts';
import { backupCommand } from './backup-command.ts';
import { cliContext } from './cli-context.ts';
import { clientsCommands } from './clients-commands.ts';
import { configExportCommand } from './config-export-command.ts';
import { configImportCommand } from './config-import-command.ts';
import type { CliCommand, CliContext } from './command.ts';
import { debugEnabled } from './define-command.ts';
import { journeyExportCommand } from './journey-export-command.ts';
import { journeyImportCommand } from './journey-import-command.ts';
import { keysGenerateCommand } from './keys-generate-command.ts';
import { keysImportCommand } from './keys-import-command.ts';
import { keysListCommand } from './keys-list-command.ts';
import { keysRotateCommand } from './keys-rotate-command.ts';
import { mailListCommand } from './mail-list-command.ts';
import { mailShowCommand } from './mail-show-command.ts';
import { reportCommandError } from './report-command-error.ts';
import { secretsCommands } from './secrets-commands.ts';
import { startCommand } from './start-command.ts';
import { userAddCommand } from './user-add-command.ts';
import { userListCommand } from './user-list-command.ts';
import { userUnlockCommand } from './user-unlock-command.ts';
import { usersExportCommand } from './users-export-command.ts';
import { usersImportCommand } from './users-import-command.ts';
import { booleanSetting } from '../config/server-settings.ts';

/** Every command, in the order `arbor --help` lists them. */
export const commands: CliCommand[] = [
  startCommand,
  journeyImportCommand,
  journeyExportCommand,
  userAddCommand,
  userListCommand,
  userUnlockCommand,
  usersImportCommand,
  usersExportCommand,
  mailListCommand,
  mailShowCommand,
  keysGenerateCommand,
  keysImportCommand,
  keysListCommand,
  keysRotateCommand,
  ...clientsCommands,
  ...secretsCommands,
  configExportCommand,
  configImportCommand,
  backupCommand,
  adminResetPasswordCommand,
];

function listing(list: readonly CliCommand[]): string[] {
  const width = Math.max(...list.map((c) => c.path.join(' ').length));
  return list.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`);
}

function overview(): string {
  return ['Usage: arbor <command> [options]', '', 'Commands:', ...listing(commands), '', 'Run `arbor <command> --help` for the options of a command.'].join('\n');
}

/** The commands whose first word is `group` (`journey` → import, export), when they are subcommands. */
function groupMembers(group: string | undefined): CliCommand[] {
  return commands.filter((c) => c.path.length > 1 && c.path[0] === group);
}

/** The help of a group: its subcommands. */
export function groupUsage(group: string): string {
  return [`Usage: arbor ${group} <subcommand> [options]`, '', 'Subcommands:', ...listing(groupMembers(group)), '', `Run \`arbor ${group} <subcommand> --help\` for the options of a subcommand.`].join('\n');
}

const isHelp = (arg: string | undefined): boolean => arg === '--help' || arg === '-h';

/** Runs the CLI with `args` (without `node main.ts`); resolves to the exit code. */
export async function runCli(args: string[], ctx: CliContext): Promise<number> {
  // `arbor help journey import` is `arbor journey import --help`.
  if (args[0] === 'help' && args.length > 1) return runCli([...args.slice(1), '--help'], ctx);
  const command = commands.filter((c) => c.path.every((word, i) => args[i] === word)).sort((a, b) => b.path.length - a.path.length)[0];
  if (command === undefined) {
    const helpAsked = args.length === 0 || isHelp(args[0]) || args[0] === 'help';
    if (helpAsked) {
      ctx.out(overview());
      return 0;
    }
    const group = args[0] ?? '';
    const members = groupMembers(group);
    if (members.length > 0) {
      const sub = args[1];
      if (isHelp(sub) || args.slice(1).some(isHelp)) {
        ctx.out(groupUsage(group));
        return 0;
      }
      ctx.err(sub === undefined ? `arbor ${group}: name a subcommand (${members.map((c) => c.path[1]).join(', ')})` : `arbor ${group}: unknown subcommand "${sub}"`);
      ctx.err('');
      ctx.err(groupUsage(group));
      return 2;
    }
    ctx.err(`arbor: unknown command "${args.join(' ')}"`);
    ctx.err('');
    ctx.err(overview());
    return 2;
  }
  const rest = args.slice(command.path.length);
  const beforeTerminator = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (beforeTerminator.some(isHelp)) {
    ctx.out(command.usage);
    return 0;
  }
  try {
    // Read strictly before anything runs: a typo must not silently hide the stack traces asked for.
    booleanSetting(ctx.env, 'ARBOR_DEBUG', false);
  } catch (error) {
    return reportCommandError(ctx, command, error, false);
  }
  try {
    return await command.run(rest, ctx);
  } catch (error) {
    // Operators get the message, not a stack trace; ARBOR_DEBUG=true shows the stack.
    return reportCommandError(ctx, command, error, debugEnabled(ctx.env));
  }
}

/** Runs the CLI for this process (arguments, environment, exit code). */
export async function runMain(): Promise<void> {
  const code = await runCli(process.argv.slice(2), cliContext(process.env));
  process.exitCode = code;
}

