/**
 * `arbor keys import`: stores a PEM private key (PKCS#8, PKCS#1 or SEC1), with its certificate
 * chain when given, as the realm's active relying-party key for its use and algorithm; the key it
 * replaces is retired (still published, and still decrypting, for --retire-after). Keys Arbor does
 * not use (RSA under 2048 bits, curves other than P-256), encrypted keys and certificates that are
 * not the key's, expired or out of order are refused with one line.
 */
import { readFile, stat } from 'node:fs/promises';
import { MAX_PEM_BYTES, readPemKeyPair, type KeyPairMaterial } from '../secrets/key-pair-material.ts';
import { DEFAULT_RETIRE_AFTER_MS } from '../secrets/realm-key-pairs.ts';
import { checkedAlgorithm, type KeyPairUse } from '../secrets/rp-key-algorithms.ts';
import { cliError, usageError } from './cli-error.ts';
import type { CliCommand } from './command.ts';
import { defineCommand } from './define-command.ts';
import { parseCommandArgs } from './parse-command-args.ts';
import { asCliError, keyName, retireAfterOption, rpJwkSetUrl, withRealmKeyPairs } from './with-realm-key-pairs.ts';

const usage = `Usage: arbor keys import [--realm alpha] --use sig|enc|tls --key <key.pem> [--cert <cert.pem>] [--alg <alg>] [--retire-after 24h]

Stores a private key (PEM: PKCS#8, PKCS#1 or SEC1, unencrypted; RSA of 2048 bits or more, or EC
P-256) as the realm's active relying-party key for its use and algorithm, sealed with the master
key. With --cert (PEM, the key's certificate first, then its issuers) the published JWK carries
x5c, x5t and x5t#S256. A TLS client key (--use tls) needs its certificate: a CA-issued one serves
TLS_CLIENT_AUTH, a self-signed one SELF_SIGNED_TLS_CLIENT_AUTH (and is published). The key it
replaces is retired: still published, and still decrypting, for --retire-after.

Options:
  --realm <name>         the realm: alpha, /alpha, root or / (default: alpha)
  --use <use>            sig (signing), enc (encryption) or tls (mTLS client key) (required)
  --key <file>           the private key, PEM (required)
  --cert <file>          the certificate chain, PEM, leaf first
  --alg <alg>            the algorithm the key is published for (default: RS256 or ES256 for sig,
                         RSA-OAEP or ECDH-ES for enc, as the key type gives)
  --retire-after <time>  how long a replaced key stays published, e.g. 24h, 90m, 7d, 0s (default: 24h)
  -h, --help             show this help

Exit status: 0 imported, 1 failure, 2 usage error, unknown realm, unreadable or refused key or certificate.

Example:
  arbor keys import --realm alpha --use enc --key enc-key.pem --cert enc-cert.pem`;

/** The text of a PEM file named by `--<option>`; an unreadable or oversized one is refused (exit 2). */
async function pemFile(option: string, path: string): Promise<string> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw cliError('INVALID_INPUT', `--${option} ${path} is not a file`, 2);
    if (info.size > MAX_PEM_BYTES) throw cliError('INVALID_INPUT', `--${option} ${path} has ${info.size} bytes: a PEM file of ${MAX_PEM_BYTES} at most is read`, 2);
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && error.name === 'CliError') throw error;
    throw cliError('INVALID_INPUT', `cannot read --${option} ${path}: ${error instanceof Error && 'code' in error ? String(error.code) : 'unreadable'}`, 2);
  }
}

function useOption(raw: string | undefined): KeyPairUse {
  if (raw === 'sig' || raw === 'enc' || raw === 'tls') return raw;
  throw usageError(raw === undefined ? '--use is required: sig, enc or tls' : `--use must be sig, enc or tls, got "${raw}"`);
}

/** The `keys import` command. */
export const keysImportCommand: CliCommand = defineCommand({
  path: ['keys', 'import'],
  summary: 'Import a PEM key (and certificate) as a relying-party key of a realm',
  usage,
  async run(args, ctx) {
    const { values } = parseCommandArgs({
      args,
      options: {
        realm: { type: 'string', default: 'alpha' },
        use: { type: 'string' },
        key: { type: 'string' },
        cert: { type: 'string' },
        alg: { type: 'string' },
        'retire-after': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help === true) {
      ctx.out(usage);
      return 0;
    }
    const use = useOption(values.use);
    if (values.key === undefined || values.key === '') throw usageError('--key is required: the PEM private key file');
    const retireAfterMs = values['retire-after'] === undefined ? DEFAULT_RETIRE_AFTER_MS : retireAfterOption(values['retire-after']);
    const keyPem = await pemFile('key', values.key);
    const certificatePem = values.cert === undefined ? undefined : await pemFile('cert', values.cert);
    // Checked before the store is opened (and a master key perhaps generated).
    if (use === 'tls' && certificatePem === undefined) throw usageError('--use tls needs --cert: the TLS client certificate (chain), PEM');
    let material: KeyPairMaterial;
    try {
      const read = readPemKeyPair(keyPem, certificatePem, Date.now());
      checkedAlgorithm(use, read.type, values.alg);
      material = read.material;
    } catch (error) {
      throw asCliError(error);
    }
    return withRealmKeyPairs(ctx, values.realm, async ({ realm, keyPairs, settings }) => {
      const result = await keyPairs.install(realm, { use, ...(values.alg === undefined ? {} : { alg: values.alg }), material, replace: true, retireAfterMs });
      if (result.outcome !== 'installed') {
        throw cliError('REFUSED', `another process changed realm ${realm}'s ${use} keys at the same time: nothing imported; run the command again`, 1);
      }
      const certificate = result.key.certificate;
      const described = certificate === undefined ? '' : ` with certificate ${certificate.subject} (${certificate.selfSigned ? 'self-signed' : `issued by ${certificate.issuer}`}, until ${new Date(certificate.validTo).toISOString()})`;
      ctx.out(`imported ${keyName(result.key)} into realm ${realm}${described}`);
      if (result.replaced !== undefined) ctx.out(`  replaced ${keyName(result.replaced)}: retired, published until ${new Date(result.replaced.publishedUntil ?? 0).toISOString()}`);
      if (result.key.published) ctx.out(`key set: ${rpJwkSetUrl(settings.publicUrl, realm)}`);
      return 0;
    });
  },
});
