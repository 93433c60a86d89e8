/**
 * `arbor keys list`: a realm's keys in use, the relying party's and the OpenID provider's, one line
 * each with its purpose (`rp.sig`, `rp.enc`, `rp.tls`, `op.sig`), and the URLs of both published
 * key sets; never private material.
 */
import { AM_ROUTES, issuerOf } from '../oidc/am-oauth2-paths.ts';
import type { CliCommand } from './command.ts';
import { defineCommand } from './define-command.ts';
import { parseCommandArgs } from './parse-command-args.ts';
import { keyLine, rpJwkSetUrl, withRealmKeyPairs } from './with-realm-key-pairs.ts';

const usage = `Usage: arbor keys list [--realm alpha]

Lists the realm's keys in use, the relying party's and the OpenID provider's, oldest first, one
line each, tab-separated: kid, use (sig, enc, tls), algorithm, status (active, or retired: still
published and still decrypting), created, the time a retired key stops being published (- while
active), the certificate's subject, issuer and expiry (- without one), and the purpose: rp.sig,
rp.enc or rp.tls for the relying party's keys (published at the realm's connect/rp/jwk_uri), op.sig
for the OpenID provider's signing keys (ID tokens; published at connect/jwk_uri, rotated with
"arbor keys rotate --provider"). Private keys are never shown. Keys whose retire time has passed
are not listed (they are no longer used; the next rotation deletes them).

Options:
  --realm <name>  the realm: alpha, /alpha, root or / (default: alpha)
  -h, --help      show this help

Exit status: 0, 2 usage error or unknown realm.`;

/** The `keys list` command. */
export const keysListCommand: CliCommand = defineCommand({
  path: ['keys', 'list'],
  summary: "List a realm's keys: the relying party's and the OpenID provider's",
  usage,
  async run(args, ctx) {
    const { values } = parseCommandArgs({ args, options: { realm: { type: 'string', default: 'alpha' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help === true) {
      ctx.out(usage);
      return 0;
    }
    return withRealmKeyPairs(ctx, values.realm, async ({ realm, keyPairs, settings }) => {
      const keys = await keyPairs.inUse(realm);
      for (const key of keys) ctx.out(`${keyLine(key)}\t${key.purpose}`);
      const providerKeySet = `${issuerOf(settings.publicUrl, realm)}${AM_ROUTES.jwks}`;
      ctx.err(`${keys.length} ${keys.length === 1 ? 'key' : 'keys'} in realm ${realm}; key set: ${rpJwkSetUrl(settings.publicUrl, realm)}; provider key set: ${providerKeySet}`);
      return 0;
    });
  },
});
