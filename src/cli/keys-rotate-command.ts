/**
 * `arbor keys rotate`: replaces each active relying-party key of a realm (of the uses asked) with a
 * new key of the same type, size and algorithm, with a self-signed certificate; the replaced key is
 * retired: still published, and still decrypting, for --retire-after, then dropped. Running
 * servers on the same PostgreSQL sign with the new key within a second (the write is announced to
 * them, `announce-cli-writes.ts`); on SQLite within 30 seconds (they read a realm's keys at most that often).
 */
import { DEFAULT_RETIRE_AFTER_MS } from '../secrets/realm-key-pairs.ts';
import { DEFAULT_OP_SERIES, providerSigningKeys } from '../oidc/provider-signing-keys.ts';
import type { KeyPairPurpose } from '../secrets/ports.ts';
import { purposeOf, type KeyPairUse } from '../secrets/rp-key-algorithms.ts';
import { cliError, usageError } from './cli-error.ts';
import type { CliCommand } from './command.ts';
import { defineCommand } from './define-command.ts';
import { parseCommandArgs } from './parse-command-args.ts';
import { keyName, retireAfterOption, withRealmKeyPairs } from './with-realm-key-pairs.ts';

const usage = `Usage: arbor keys rotate [--realm alpha] [--use sig|enc|tls] [--provider] [--retire-after 24h]

Replaces each active relying-party key of the realm with a new key of the same type, size and
algorithm (with a self-signed certificate). The replaced key is retired: it stays in the published
key set, and still decrypts what providers encrypted to it, for --retire-after (24 hours unless
given: longer than anything it signed lives, and than providers cache the key set), then it is
dropped. Running servers use the new key within a second on PostgreSQL (the command tells them),
within 30 seconds on SQLite. Without --use, the signing and encryption keys are rotated; --use tls
rotates a self-signed TLS client key (a CA-issued one is replaced with
"arbor keys import --use tls"). Use --retire-after 0s to drop a compromised key at once.
With --provider, the OpenID provider's signing key (op.sig: the ID tokens' key, published at the
realm's connect/jwk_uri) is rotated instead; a realm without one gets one.

Options:
  --realm <name>         the realm: alpha, /alpha, root or / (default: alpha)
  --use <use>            sig, enc or tls (default: sig and enc)
  --provider             rotate the OpenID provider's signing key instead of the relying party's
  --retire-after <time>  how long the replaced keys stay published, e.g. 24h, 90m, 7d, 0s (default: 24h)
  -h, --help             show this help

Exit status: 0 rotated, 1 no key to rotate or another process rotated at the same time, 2 usage
error or unknown realm.

Example:
  arbor keys rotate --realm alpha`;

function usesOption(raw: string | undefined): KeyPairUse[] {
  if (raw === undefined) return ['sig', 'enc'];
  if (raw === 'sig' || raw === 'enc' || raw === 'tls') return [raw];
  throw usageError(`--use must be sig, enc or tls, got "${raw}"`);
}

/** The `keys rotate` command. */
export const keysRotateCommand: CliCommand = defineCommand({
  path: ['keys', 'rotate'],
  summary: "Rotate a realm's relying-party keys, or with --provider the OpenID provider's (the old ones stay published for a while)",
  usage,
  async run(args, ctx) {
    const { values } = parseCommandArgs({
      args,
      options: { realm: { type: 'string', default: 'alpha' }, use: { type: 'string' }, provider: { type: 'boolean' }, 'retire-after': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help === true) {
      ctx.out(usage);
      return 0;
    }
    if (values.provider === true && values.use !== undefined) throw usageError('--provider rotates the OpenID provider\'s signing key: leave out --use');
    const uses = usesOption(values.use);
    const retireAfterMs = values['retire-after'] === undefined ? DEFAULT_RETIRE_AFTER_MS : retireAfterOption(values['retire-after']);
    return withRealmKeyPairs(ctx, values.realm, async ({ realm, keyPairs }) => {
      if (values.provider === true && !(await keyPairs.inUse(realm)).some((key) => key.purpose === 'op.sig' && key.status === 'active')) {
        await providerSigningKeys(keyPairs, realm, { now: () => Date.now() });
        ctx.out(`realm ${realm} had no OpenID provider signing key: generated one (sig ${DEFAULT_OP_SERIES})`);
        return 0;
      }
      const purposes: KeyPairPurpose[] = values.provider === true ? ['op.sig'] : uses.map(purposeOf);
      const active = (await keyPairs.inUse(realm)).filter((key) => key.status === 'active' && purposes.includes(key.purpose));
      if (active.length === 0) throw cliError('REFUSED', `realm ${realm} has no active ${uses.join(' or ')} key to rotate: create keys with arbor keys generate --realm ${realm}`, 1);
      let raced = false;
      for (const key of active) {
        if (key.purpose === 'rp.tls' && key.series === 'ca' && active.length > 1) {
          ctx.err(`kept the CA-issued TLS client ${keyName(key)}: replace it with arbor keys import --use tls`);
          continue;
        }
        const result = await keyPairs.rotate(realm, key.purpose, key.series, retireAfterMs);
        if (result.outcome === 'installed') {
          ctx.out(`rotated ${key.use} ${key.alg}: new key ${result.key.kid}; ${keyName(key)} retired, published until ${new Date(result.replaced?.publishedUntil ?? 0).toISOString()}`);
        } else {
          raced = true;
          ctx.err(`another process changed realm ${realm}'s ${key.use} ${key.alg} key at the same time: ${result.key === undefined ? 'none' : keyName(result.key)} is active`);
        }
      }
      return raced ? 1 : 0;
    });
  },
});
