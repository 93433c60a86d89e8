/** `arbor clients list`: a realm's OAuth 2.0 clients, one line each; never a secret. */
import type { OAuth2Client } from '../oauth2/oauth2-client.ts';
import type { CliCommand } from './command.ts';
import { withRealmClients } from './clients-store.ts';
import { defineCommand } from './define-command.ts';
import { parseCommandArgs } from './parse-command-args.ts';

const usage = `Usage: arbor clients list [--realm alpha] [--json]

Lists the realm's OAuth 2.0 clients by id, one line each, tab-separated: id, type (Confidential,
Public), status (Active, Inactive), token endpoint authentication, grant types, redirect URIs
(comma-separated), or the clients in AM's JSON, one per line, with --json. Secrets are never shown.

Options:
  --realm <name>  the realm: alpha, /alpha, root or / (default: alpha)
  --json          one client per line in AM's JSON (without userpassword)
  -h, --help      show this help

Exit status: 0, 2 usage error or unknown realm.`;

function line(client: OAuth2Client): string {
  return [client.clientId, client.clientType, client.status, client.tokenEndpointAuthMethod, client.grantTypes.join(','), client.redirectionUris.join(',') || '-'].join('\t');
}

/** The `clients list` command. */
export const clientsListCommand: CliCommand = defineCommand({
  path: ['clients', 'list'],
  summary: "List a realm's OAuth 2.0 clients",
  usage,
  async run(args, ctx) {
    const { values } = parseCommandArgs({ args, options: { realm: { type: 'string', default: 'alpha' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } } });
    if (values.help === true) {
      ctx.out(usage);
      return 0;
    }
    return withRealmClients(ctx, values.realm, async (realm, clients) => {
      if (values.json) {
        for (const client of await clients.list(realm)) ctx.out(JSON.stringify(client));
        return 0;
      }
      const all = await clients.clients(realm);
      for (const client of all) ctx.out(line(client));
      ctx.err(`${all.length} ${all.length === 1 ? 'client' : 'clients'} in realm ${realm}`);
      return 0;
    });
  },
});
