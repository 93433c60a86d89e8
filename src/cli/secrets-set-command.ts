/**
 * `arbor secrets set <id> [--description <text>] [--use-in-placeholders]`: creates or replaces a
 * script secret (an ESV secret scripts read with `secrets.getGenericSecret`), its value read from
 * standard input, never from the command line (which other users of the machine see in `ps`).
 */
import { MAX_SCRIPT_SECRET_BYTES, parseScriptSecretBody } from '../secrets/parse-script-secret-body.ts';
import { cliError, usageError } from './cli-error.ts';
import type { CliCommand } from './command.ts';
import { defineCommand } from './define-command.ts';
import { parseCommandArgs } from './parse-command-args.ts';
import { CLI_WRITER, withScriptSecrets } from './with-script-secrets.ts';
import { readStdin } from './read-stdin.ts';

const usage = `Usage: arbor secrets set <id> [--description <text>] [--use-in-placeholders] < value

Creates or replaces the secret <id> (esv- then lower-case letters, digits and '-', 124 characters
at most), which scripts read with secrets.getGenericSecret("<id>") or the AM label
"scripted.node.<name>" (esv-<name> with dots as dashes). The value is read from standard input,
never from the command line: one final line break is dropped (as echo adds one), every other byte
is kept, ${MAX_SCRIPT_SECRET_BYTES} bytes at most. It is sealed with the master key before it is stored and is never
shown again. A new value makes a new version; the same value keeps its version. Replacing a
secret keeps its description and placeholder flag unless the options give new ones.

Options:
  --description <text>     what the secret is for
  --use-in-placeholders    mark it for configuration placeholders (kept; Arbor has none)
  -h, --help               show this help

Exit status: 0 created or replaced, 2 usage error, bad id or value.

Example:
  printf %s "$RISK_API_KEY" | arbor secrets set esv-risk-api-key --description "Risk API key"`;

/** What the command reads the value with (standard input by default; tests give their own). */
export interface SecretsSetDeps {
  readValue?: () => Promise<Buffer>;
}

async function readValueFromStdin(): Promise<Buffer> {
  if (process.stdin.isTTY === true) process.stderr.write('Type the value, then a line break and Ctrl-D:\n');
  return readStdin(MAX_SCRIPT_SECRET_BYTES + 2, tooLong);
}

function tooLong(): Error {
  return cliError('INVALID_INPUT', `the value on standard input is longer than ${MAX_SCRIPT_SECRET_BYTES} bytes`, 2);
}

/** `read` without one final line break (`\n` or `\r\n`). */
function withoutFinalLineBreak(read: Buffer): Buffer {
  if (read.at(-1) !== 0x0a) return read;
  return read.subarray(0, read.length - (read.at(-2) === 0x0d ? 2 : 1));
}

/** Makes the `secrets set` command. */
export function createSecretsSetCommand(deps: SecretsSetDeps = {}): CliCommand {
  const readValue = deps.readValue ?? readValueFromStdin;
  return defineCommand({
    path: ['secrets', 'set'],
    summary: 'Create or replace a script secret (ESV), its value read from standard input',
    usage,
    async run(args, ctx) {
      const { values, positionals } = parseCommandArgs({
        args,
        allowPositionals: true,
        options: { description: { type: 'string' }, 'use-in-placeholders': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      });
      if (values.help === true) {
        ctx.out(usage);
        return 0;
      }
      const [id, ...extra] = positionals;
      if (id === undefined || id === '') throw usageError('name the secret: arbor secrets set <id> < value');
      if (extra.length > 0) throw usageError('name one secret: the value is read from standard input, never from the command line');
      const value = withoutFinalLineBreak(await readValue());
      if (value.length === 0) throw usageError('read no value from standard input');
      if (value.length > MAX_SCRIPT_SECRET_BYTES) throw tooLong();
      return withScriptSecrets(ctx, async (secrets) => {
        const stored = await secrets.get(id);
        const write = parseScriptSecretBody(id, {
          valueBase64: value.toString('base64'),
          description: values.description ?? stored?.description ?? '',
          useInPlaceholders: values['use-in-placeholders'] ?? stored?.useInPlaceholders ?? false,
        });
        const { created, secret } = await secrets.put(id, write, CLI_WRITER);
        ctx.out(`${created ? 'created' : 'replaced'} secret ${id}, version ${secret.activeVersion}`);
        return 0;
      });
    },
  });
}

/** The `secrets set` command. */
export const secretsSetCommand: CliCommand = createSecretsSetCommand();
