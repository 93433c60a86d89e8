/** `arbor clients remove <id>`: deletes an OAuth 2.0 client of a realm. */
import { cliError, usageError } from './cli-error.ts';
import type { CliCommand } from './command.ts';
import { withRealmClients } from './clients-store.ts';
import { defineCommand } from './define-command.ts';
import { parseCommandArgs } from './parse-command-args.ts';

const usage = `Usage: arbor clients remove <id> [--realm alpha]

Deletes the OAuth 2.0 client <id> of the realm: it can no longer obtain tokens.

Options:
  --realm <name>  the realm: alpha, /alpha, root or / (default: alpha)
  -h, --help      show this help

Exit status: 0 removed, 1 no such client, 2 usage error or unknown realm.`;

/** The `clients remove` command. */
export const clientsRemoveCommand: CliCommand = defineCommand({
  path: ['clients', 'remove'],
  summary: 'Remove an OAuth 2.0 client of a realm',
  usage,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs({ args, allowPositionals: true, options: { realm: { type: 'string', default: 'alpha' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help === true) {
      ctx.out(usage);
      return 0;
    }
    const [id, ...extra] = positionals;
    if (id === undefined || id === '') throw usageError('name the client: arbor clients remove <id>');
    if (extra.length > 0) throw usageError(`name one client, got ${positionals.length}`);
    return withRealmClients(ctx, values.realm, async (realm, clients) => {
      if ((await clients.delete(realm, id)) === undefined) throw cliError('REFUSED', `realm ${realm} has no client ${id}`, 1);
      ctx.out(`removed client ${id} from realm ${realm}`);
      return 0;
    });
  },
});
