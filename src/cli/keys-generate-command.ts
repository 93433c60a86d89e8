/**
 * `arbor keys generate`: creates a realm's relying-party keys, each with a self-signed certificate
 * (so that its published JWK carries `x5c`), and prints the URL of the realm's key set, which is
 * what itsme (or any provider) is given. A key that exists already is kept unless `--force`.
 */
import { generateKeyPairMaterial } from '../secrets/generate-key-pair-material.ts';
import { certificateCommonName, DEFAULT_RETIRE_AFTER_MS, type InstallResult } from '../secrets/realm-key-pairs.ts';
import { keyTypeOfAlgorithm, useOfAlgorithm, type KeyPairUse } from '../secrets/rp-key-algorithms.ts';
import { usageError } from './cli-error.ts';
import type { CliCommand, CliContext } from './command.ts';
import { defineCommand } from './define-command.ts';
import { integerOption } from './integer-option.ts';
import { parseCommandArgs } from './parse-command-args.ts';
import { keyName, retireAfterOption, rpJwkSetUrl, withRealmKeyPairs } from './with-realm-key-pairs.ts';

const usage = `Usage: arbor keys generate [--realm alpha] [--itsme | --alg <alg>... | --tls] [--key-size 2048] [--force] [--retire-after 24h]

Generates the realm's relying-party keys (what social sign-in signs client assertions and request
objects with, and what providers encrypt ID tokens and userinfo to), each with a self-signed
certificate, stores them sealed with the master key, and prints the URL of the realm's public key
set (the jwkset_uri to give itsme or another provider).

Without --alg or --tls it makes what itsme asks for (--itsme says so explicitly): an RSA-2048
signing key for RS256 and an RSA-2048 encryption key for RSA-OAEP. A key the realm has already for
an algorithm is kept and nothing is generated for it; --force replaces it as "arbor keys rotate"
does (the replaced key stays published, and still decrypts, for --retire-after).

Options:
  --realm <name>         the realm: alpha, /alpha, root or / (default: alpha)
  --itsme                RS256 signing and RSA-OAEP encryption keys, RSA-2048 (the default)
  --alg <alg>            a key for this algorithm; repeat it, or separate with commas:
                         signing RS256, RS384, RS512, PS256, PS384, PS512 (RSA), ES256 (P-256);
                         encryption RSA-OAEP, RSA-OAEP-256 (RSA), ECDH-ES, ECDH-ES+A128KW,
                         ECDH-ES+A192KW, ECDH-ES+A256KW (P-256)
  --tls                  a TLS client key with a self-signed certificate (mTLS with
                         SELF_SIGNED_TLS_CLIENT_AUTH); RSA
  --key-size <bits>      RSA key size, 2048 to 8192 (default: 2048; itsme takes 2048)
  --force                replace existing keys of these algorithms
  --retire-after <time>  with --force: how long a replaced key stays published, e.g. 24h, 90m,
                         7d, 0s (default: 24h)
  -h, --help             show this help

Exit status: 0 generated (or kept), 1 failure, 2 usage error or unknown realm.

Example:
  arbor keys generate --realm alpha --itsme`;

/** What to generate: a use and algorithm per key. */
function requestedKeys(itsme: boolean, algs: string[], tls: boolean): { use: KeyPairUse; alg: string | undefined }[] {
  if (itsme && (algs.length > 0 || tls)) throw usageError('--itsme makes the RS256 and RSA-OAEP keys itsme asks for: give it without --alg and --tls');
  const keys: { use: KeyPairUse; alg: string | undefined }[] = [];
  for (const alg of algs.flatMap((value) => value.split(',')).map((value) => value.trim())) {
    const use = useOfAlgorithm(alg);
    if (use === undefined) throw usageError(`--alg ${alg} is not an algorithm Arbor offers (see --help)`);
    if (!keys.some((key) => key.alg === alg)) keys.push({ use, alg });
  }
  if (tls) keys.push({ use: 'tls', alg: undefined });
  if (keys.length === 0) keys.push({ use: 'sig', alg: 'RS256' }, { use: 'enc', alg: 'RSA-OAEP' });
  return keys;
}

function date(ms: number | undefined): string {
  return ms === undefined ? '-' : new Date(ms).toISOString();
}

/** Prints what `install` did for one key. */
function report(ctx: CliContext, realm: string, result: InstallResult, what: string): void {
  if (result.outcome === 'installed') {
    const certificate = result.key.certificate === undefined ? '' : `, self-signed certificate until ${date(result.key.certificate.validTo)}`;
    ctx.out(`generated ${keyName(result.key)} in realm ${realm}${certificate}`);
    if (result.replaced !== undefined) ctx.out(`  replaced ${keyName(result.replaced)}: retired, published until ${date(result.replaced.publishedUntil)}`);
  } else if (result.outcome === 'exists') {
    ctx.out(`realm ${realm} has a ${what} key already: kept ${keyName(result.key)} (--force, or arbor keys rotate, replaces it)`);
  } else {
    ctx.out(`another process changed realm ${realm}'s ${what} key at the same time: ${result.key === undefined ? 'none' : keyName(result.key)} is active`);
  }
}

/** The `keys generate` command. */
export const keysGenerateCommand: CliCommand = defineCommand({
  path: ['keys', 'generate'],
  summary: "Generate a realm's relying-party keys (--itsme: what itsme asks for)",
  usage,
  async run(args, ctx) {
    const { values } = parseCommandArgs({
      args,
      options: {
        realm: { type: 'string', default: 'alpha' },
        itsme: { type: 'boolean', default: false },
        alg: { type: 'string', multiple: true, default: [] },
        tls: { type: 'boolean', default: false },
        'key-size': { type: 'string' },
        force: { type: 'boolean', default: false },
        'retire-after': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help === true) {
      ctx.out(usage);
      return 0;
    }
    const keys = requestedKeys(values.itsme, values.alg, values.tls);
    const bits = values['key-size'] === undefined ? 2048 : integerOption('key-size', values['key-size'], 2048, 8192);
    if (values.itsme && bits !== 2048) throw usageError('itsme takes RSA-2048 keys: give --itsme without --key-size');
    const retireAfterMs = values['retire-after'] === undefined ? DEFAULT_RETIRE_AFTER_MS : retireAfterOption(values['retire-after']);
    return withRealmKeyPairs(ctx, values.realm, async ({ realm, keyPairs, settings }) => {
      for (const { use, alg } of keys) {
        const type = alg === undefined ? 'RSA' : (keyTypeOfAlgorithm(alg) ?? 'RSA');
        const material = await generateKeyPairMaterial({ type, bits, use, commonName: certificateCommonName(realm, use), now: Date.now() });
        const result = await keyPairs.install(realm, { use, ...(alg === undefined ? {} : { alg }), material, replace: values.force, retireAfterMs });
        report(ctx, realm, result, alg ?? 'TLS client');
      }
      const url = rpJwkSetUrl(settings.publicUrl, realm);
      ctx.out(`key set: ${url}`);
      if (!keys.some((key) => key.use === 'tls')) ctx.out(`give this URL to itsme (or the provider) as the realm's jwkset_uri / jwks_uri`);
      if (ctx.env.ARBOR_PUBLIC_URL === undefined || ctx.env.ARBOR_PUBLIC_URL === '') {
        ctx.err('note: ARBOR_PUBLIC_URL is not set, so the URL above is the local default; set it to the https address providers reach (e.g. https://login.example.com:443)');
      }
      return 0;
    });
  },
});
