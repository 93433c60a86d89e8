/** `arbor keys list`: a realm's relying-party keys in use, one line each; never private material. */
import type { CliCommand } from './command.ts';
import { defineCommand } from './define-command.ts';
import { parseCommandArgs } from './parse-command-args.ts';
import { keyLine, rpJwkSetUrl, withRealmKeyPairs } from './with-realm-key-pairs.ts';

const usage = `Usage: arbor keys list [--realm alpha]

Lists the realm's relying-party keys in use, oldest first, one line each, tab-separated: kid, use
(sig, enc, tls), algorithm, status (active, or retired: still published and still decrypting),
created, the time a retired key stops being published (- while active), and the certificate's
subject, issuer and expiry (- without one). Private keys are never shown. Keys whose retire time
has passed are not listed (they are no longer used; the next rotation deletes them).

Options:
  --realm <name>  the realm: alpha, /alpha, root or / (default: alpha)
  -h, --help      show this help

Exit status: 0, 2 usage error or unknown realm.`;

/** The `keys list` command. */
export const keysListCommand: CliCommand = defineCommand({
  path: ['keys', 'list'],
  summary: "List a realm's relying-party keys",
  usage,
  async run(args, ctx) {
    const { values } = parseCommandArgs({ args, options: { realm: { type: 'string', default: 'alpha' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help === true) {
      ctx.out(usage);
      return 0;
    }
    return withRealmKeyPairs(ctx, values.realm, async ({ realm, keyPairs, settings }) => {
      const keys = await keyPairs.inUse(realm);
      for (const key of keys) ctx.out(keyLine(key));
      ctx.err(`${keys.length} ${keys.length === 1 ? 'key' : 'keys'} in realm ${realm}; key set: ${rpJwkSetUrl(settings.publicUrl, realm)}`);
      return 0;
    });
  },
});
