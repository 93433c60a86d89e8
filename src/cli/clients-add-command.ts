/**
 * `arbor clients add <id>`: creates or replaces an OAuth 2.0 client of a realm, in AM's shape and
 * through the same checks as the REST API. A confidential client's secret comes from standard
 * input (`--secret-stdin`), or is generated and printed once; it is sealed at rest and never shown
 * again. Public clients have no secret and must use PKCE.
 */
import { DEVICE_CODE_GRANT } from '../oauth2/oauth2-client.ts';
import { usageError } from './cli-error.ts';
import type { CliCommand } from './command.ts';
import { withRealmClients } from './clients-store.ts';
import { defineCommand } from './define-command.ts';
import { parseCommandArgs } from './parse-command-args.ts';
import { readStdin } from './read-stdin.ts';

const usage = `Usage: arbor clients add <id> [--realm alpha] --redirect-uri <uri> [--redirect-uri …] [--public]
                          [--secret-stdin] [--grant-type <type> …] [--scope <scope> …]
                          [--implied-consent] [--post-logout-uri <uri> …] [--name <name>]

Creates (or replaces) the OAuth 2.0 client <id> of the realm, as PUT
…/realm-config/agents/OAuth2Client/<id> does. A confidential client's secret is read from standard
input with --secret-stdin, or else generated and printed once: store it now, it is never shown again
(replacing a client keeps its secret unless --secret-stdin gives a new one).

Options:
  --realm <name>           the realm: alpha, /alpha, root or / (default: alpha)
  --redirect-uri <uri>     a redirect URI, repeatable (needed for the authorization_code grant)
  --public                 a public client (a browser or mobile app): no secret, PKCE required
  --secret-stdin           read the secret from standard input (first line)
  --grant-type <type>      authorization_code (default), refresh_token, client_credentials or
                           device_code (${DEVICE_CODE_GRANT}); repeatable
  --scope <scope>          a scope the client may ask for, repeatable (default: openid profile email)
  --implied-consent        no consent page (first-party applications)
  --post-logout-uri <uri>  where end session may send the user afterwards, repeatable
  --name <name>            the client's display name
  -h, --help               show this help

Exit status: 0 created or replaced, 2 usage error, unknown realm or refused settings.

Example:
  arbor clients add my-spa --realm alpha --public --redirect-uri https://app.example.com/callback \\
    --grant-type authorization_code --grant-type refresh_token --implied-consent`;

/** What the command reads the secret with (standard input by default; tests give their own). */
export interface ClientsAddDeps {
  readSecret?: () => Promise<string>;
}

async function readSecretFromStdin(): Promise<string> {
  return (await readStdin(16 * 1024, () => usageError('the secret on standard input is longer than 16 KiB'))).toString('utf8');
}

/** Makes the `clients add` command. */
export function createClientsAddCommand(deps: ClientsAddDeps = {}): CliCommand {
  const readSecret = deps.readSecret ?? readSecretFromStdin;
  return defineCommand({
    path: ['clients', 'add'],
    summary: 'Create or replace an OAuth 2.0 client of a realm',
    usage,
    async run(args, ctx) {
      const { values, positionals } = parseCommandArgs({
        args,
        allowPositionals: true,
        options: {
          realm: { type: 'string', default: 'alpha' },
          'redirect-uri': { type: 'string', multiple: true },
          public: { type: 'boolean', default: false },
          'secret-stdin': { type: 'boolean', default: false },
          'grant-type': { type: 'string', multiple: true },
          scope: { type: 'string', multiple: true },
          'implied-consent': { type: 'boolean', default: false },
          'post-logout-uri': { type: 'string', multiple: true },
          name: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      });
      if (values.help === true) {
        ctx.out(usage);
        return 0;
      }
      const [id, ...extra] = positionals;
      if (id === undefined || id === '') throw usageError('name the client: arbor clients add <id>');
      if (extra.length > 0) throw usageError(`name one client, got ${positionals.length}`);
      if (values.public && values['secret-stdin']) throw usageError('a public client has no secret: drop --secret-stdin or --public');
      const grants = (values['grant-type'] ?? ['authorization_code']).map((grant) => (grant === 'device_code' ? DEVICE_CODE_GRANT : grant));
      const secret = values['secret-stdin'] ? (await readSecret()).split(/\r?\n/)[0] ?? '' : undefined;
      if (secret === '') throw usageError('--secret-stdin read no secret from standard input');
      const body = {
        coreOAuth2ClientConfig: {
          clientType: values.public ? 'Public' : 'Confidential',
          redirectionUris: values['redirect-uri'] ?? [],
          scopes: values.scope ?? ['openid', 'profile', 'email'],
          ...(values.name === undefined ? {} : { clientName: [values.name] }),
          ...(secret === undefined ? {} : { userpassword: secret }),
        },
        advancedOAuth2ClientConfig: { grantTypes: grants, isConsentImplied: values['implied-consent'] },
        coreOpenIDClientConfig: { postLogoutRedirectUri: values['post-logout-uri'] ?? [] },
      };
      return withRealmClients(ctx, values.realm, async (realm, clients) => {
        const result = await clients.put(realm, id, body, { generateSecret: true });
        ctx.out(`${result.created ? 'created' : 'replaced'} ${values.public ? 'public' : 'confidential'} client ${id} in realm ${realm}`);
        if (result.generatedSecret !== undefined) {
          ctx.out(`client secret: ${result.generatedSecret}`);
          ctx.err('The secret is shown only this once: store it now.');
        }
        return 0;
      });
    },
  });
}

/** The `clients add` command. */
export const clientsAddCommand: CliCommand = createClientsAddCommand();
