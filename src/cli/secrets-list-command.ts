/** `arbor secrets list`: the script secrets (ESVs), one line each; never a value. */
import type { ScriptSecretMetadata } from '../secrets/script-secret-document.ts';
import type { CliCommand } from './command.ts';
import { defineCommand } from './define-command.ts';
import { parseCommandArgs } from './parse-command-args.ts';
import { withScriptSecrets } from './with-script-secrets.ts';

const usage = `Usage: arbor secrets list [--json]

Lists the script secrets by id, one line each, tab-separated: id, active version, last change
(ISO 8601), who changed it, description; or one secret per line in the JSON of
GET /environment/secrets/<id> with --json. Values are never shown.

Options:
  --json      one secret per line as JSON (metadata only)
  -h, --help  show this help

Exit status: 0, 2 usage error.`;

function line(secret: ScriptSecretMetadata): string {
  return [secret._id, secret.activeVersion, secret.lastChangeDate, secret.lastChangedBy, secret.description.replace(/[\t\r\n]+/g, ' ') || '-'].join('\t');
}

/** The `secrets list` command. */
export const secretsListCommand: CliCommand = defineCommand({
  path: ['secrets', 'list'],
  summary: 'List the script secrets (ESVs), never their values',
  usage,
  async run(args, ctx) {
    const { values } = parseCommandArgs({ args, options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } } });
    if (values.help === true) {
      ctx.out(usage);
      return 0;
    }
    return withScriptSecrets(ctx, async (secrets) => {
      const all = await secrets.list();
      for (const secret of all) ctx.out(values.json ? JSON.stringify(secret) : line(secret));
      if (!values.json) ctx.err(`${all.length} ${all.length === 1 ? 'secret' : 'secrets'}`);
      return 0;
    });
  },
});
