/** `arbor secrets delete <id>`: deletes a script secret (ESV); scripts that read it then fail to find it. */
import { cliError, usageError } from './cli-error.ts';
import type { CliCommand } from './command.ts';
import { defineCommand } from './define-command.ts';
import { parseCommandArgs } from './parse-command-args.ts';
import { withScriptSecrets } from './with-script-secrets.ts';

const usage = `Usage: arbor secrets delete <id>

Deletes the script secret <id> with its value. Scripts that read it afterwards get a
NoSuchSecretException.

Options:
  -h, --help  show this help

Exit status: 0 deleted, 1 no such secret, 2 usage error or bad id.`;

/** The `secrets delete` command. */
export const secretsDeleteCommand: CliCommand = defineCommand({
  path: ['secrets', 'delete'],
  summary: 'Delete a script secret (ESV)',
  usage,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs({ args, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
    if (values.help === true) {
      ctx.out(usage);
      return 0;
    }
    const [id, ...extra] = positionals;
    if (id === undefined || id === '') throw usageError('name the secret: arbor secrets delete <id>');
    if (extra.length > 0) throw usageError(`name one secret, got ${positionals.length}`);
    return withScriptSecrets(ctx, async (secrets) => {
      if ((await secrets.delete(id)) === undefined) throw cliError('REFUSED', `no secret ${id}`, 1);
      ctx.out(`deleted secret ${id}`);
      return 0;
    });
  },
});
