/**
 * `node:util`'s `parseArgs` for the commands, with the errors an operator can read: every
 * problem (an unknown option, a missing value, a value for a flag, an unexpected argument) is a
 * usage error (`CliError` `USAGE`, exit 2) in Arbor's words, e.g. `unknown option --colour`
 * or `--realm needs a value`, never the parser's own message. A string option's value may start
 * with `-` (`--offset -1` is the value -1, checked by the command), unless it is one of the
 * command's own options (`--realm --json` lacks the realm).
 */
import { parseArgs, type ParseArgsConfig, type ParseArgsOptionDescriptor, type ParseArgsOptionsConfig } from 'node:util';
import { usageError } from './cli-error.ts';

/** A `parseArgs` configuration with its arguments and options. */
export type CommandArgsConfig = ParseArgsConfig & { args: readonly string[]; options: ParseArgsOptionsConfig };

function optionNamed(options: ParseArgsOptionsConfig, token: string): [string, ParseArgsOptionDescriptor] | undefined {
  if (token.startsWith('--')) {
    const name = token.slice(2).split('=')[0] ?? '';
    const descriptor = options[name];
    return descriptor === undefined ? undefined : [name, descriptor];
  }
  const short = token.slice(1);
  const entry = Object.entries(options).find(([, descriptor]) => descriptor.short === short);
  return entry;
}

/** The closest option name to `name` when it is a likely typo (one edit, or a prefix). */
function suggestion(options: ParseArgsOptionsConfig, name: string): string {
  const close = Object.keys(options).find((candidate) => candidate.startsWith(name) || name.startsWith(candidate) || editDistanceIsOne(candidate, name));
  return close === undefined ? '' : ` (did you mean --${close}?)`;
}

function editDistanceIsOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  return a.slice(i + 1) === b.slice(i + 1) || a.slice(i) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i);
}

/**
 * The arguments checked and rewritten so that `parseArgs` cannot fail: `--opt value` becomes
 * `--opt=value` (so that a value may start with `-`). Throws a usage error for the first problem.
 */
function checkedArgs(config: CommandArgsConfig): string[] {
  const { args, options } = config;
  const result: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (arg === '--') {
      const rest = args.slice(index + 1);
      if (rest.length > 0 && config.allowPositionals !== true) throw usageError(`unexpected argument "${rest[0] ?? ''}"`);
      result.push(...args.slice(index));
      break;
    }
    if (arg.startsWith('-') && arg !== '-') {
      const option = optionNamed(options, arg);
      const shown = arg.split('=')[0] ?? arg;
      if (option === undefined) throw usageError(`unknown option ${shown}${arg.startsWith('--') ? suggestion(options, shown.slice(2)) : ''}`);
      const [name, descriptor] = option;
      const inline = arg.startsWith('--') && arg.includes('=');
      if (descriptor.type === 'boolean') {
        if (inline) throw usageError(`--${name} takes no value`);
        result.push(`--${name}`);
        continue;
      }
      if (inline) {
        result.push(arg);
        continue;
      }
      const next = args[index + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-' && optionNamed(options, next) !== undefined) || next === '--') throw usageError(`--${name} needs a value`);
      result.push(`--${name}=${next}`);
      index += 1;
      continue;
    }
    if (config.allowPositionals !== true) throw usageError(`unexpected argument "${arg}"`);
    result.push(arg);
  }
  return result;
}

/** `parseArgs(config)`, strict, with usage errors in words (see the file comment). */
export function parseCommandArgs<T extends CommandArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  const args = checkedArgs(config);
  try {
    return parseArgs<T>({ ...config, args });
  } catch (error) {
    // Not expected after checkedArgs; still one line, in the command's form.
    throw usageError(error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error));
  }
}
