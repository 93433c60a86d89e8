/**
 * What the `arbor keys` commands share: the realm of `--realm`, the store, the master key as the
 * server loads it (from `ARBOR_MASTER_KEY` or the data directory, checked against the stored
 * keys; generated into the data directory, with the server's warning, when there is none and no
 * key is stored yet), the realm's key pairs, and the URL of the realm's published key set.
 * Refused keys and certificates become one-line CLI errors: exit 2 for input the command cannot
 * use, 1 for a key that is missing or cannot be rotated.
 */
import { loadServerSettings, type ServerSettings } from '../config/server-settings.ts';
import { loadCheckedMasterKey } from '../platform/load-checked-master-key.ts';
import { isKeyPairError } from '../secrets/key-pair-errors.ts';
import { createRealmKeyPairs, type RealmKeyPair, type RealmKeyPairs } from '../secrets/realm-key-pairs.ts';
import { cliError, usageError } from './cli-error.ts';
import type { CliContext } from './command.ts';
import { realmOption } from './realm-option.ts';
import { resolveRealm } from './resolve-realm.ts';

/** What a keys command works with. */
export interface KeysWork {
  realm: string;
  keyPairs: RealmKeyPairs;
  settings: Readonly<ServerSettings>;
}

/** The URL of `realm`'s relying-party key set under `publicUrl` (what providers such as itsme are given). */
export function rpJwkSetUrl(publicUrl: string, realm: string): string {
  const path = realm === 'root' ? '' : realm.split('/').map((name) => `/realms/${name}`).join('');
  return `${publicUrl}/am/oauth2/realms/root${path}/connect/rp/jwk_uri`;
}

/** How long a replaced key stays published: `--retire-after` as `<n>s`, `<n>m`, `<n>h` or `<n>d` (0 to 365 days). */
export function retireAfterOption(raw: string): number {
  const match = /^(\d{1,6})([smhd])$/.exec(raw.trim());
  const unit = new Map([
    ['s', 1_000],
    ['m', 60_000],
    ['h', 3_600_000],
    ['d', 86_400_000],
  ]);
  const ms = Number(match?.[1]) * (unit.get(match?.[2] ?? '') ?? Number.NaN);
  if (!(ms >= 0 && ms <= 365 * 86_400_000)) throw usageError(`--retire-after must be a duration such as 24h, 90m or 7d (365d at most), got "${raw}"`);
  return ms;
}

function date(ms: number | undefined): string {
  return ms === undefined ? '-' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** One line about a key: kid, use, alg, status, created, retire time, certificate subject and expiry. */
export function keyLine(key: RealmKeyPair): string {
  const certificate = key.certificate === undefined ? '-' : `${key.certificate.subject} (${key.certificate.selfSigned ? 'self-signed' : `issued by ${key.certificate.issuer}`}, until ${date(key.certificate.validTo)})`;
  return [key.kid, key.use, key.alg, key.status, date(key.createdAt), date(key.publishedUntil), certificate].join('\t');
}

/** A short description of a key for messages: `sig RS256 key <kid>`. */
export function keyName(key: RealmKeyPair): string {
  return `${key.use} ${key.alg} key ${key.kid}`;
}

/** A key pair error as the CLI error it means (exit 2 for refused input, 1 for a missing key); anything else as it is. */
export function asCliError(error: unknown): unknown {
  if (!isKeyPairError(error)) return error;
  const refused = error.code === 'KEY_MISSING' || error.code === 'NOT_ROTATABLE';
  return cliError(refused ? 'REFUSED' : 'INVALID_INPUT', error.message, refused ? 1 : 2);
}

/** Runs `work` with the realm `rawRealm` names and its key pairs; closes the store after. */
export async function withRealmKeyPairs(ctx: CliContext, rawRealm: string, work: (keys: KeysWork) => Promise<number>): Promise<number> {
  realmOption(rawRealm);
  const settings = loadServerSettings(ctx.env, process.cwd());
  const store = await ctx.openStore();
  try {
    const realm = await resolveRealm(store.realms, rawRealm);
    const masterKey = await loadCheckedMasterKey({ env: ctx.env, dataDir: settings.dataDir, keys: store.keys, realms: store.realms });
    if (masterKey.generated) {
      ctx.err(`WARNING: generated a new master key in ${masterKey.path ?? settings.dataDir}. It encrypts every realm key: back it up with the data directory, or set ARBOR_MASTER_KEY (see docs/operations.md).`);
    }
    const keyPairs = createRealmKeyPairs({ keys: store.keys, masterKey: masterKey.key, clock: { now: () => Date.now() } });
    return await work({ realm: realm.name, keyPairs, settings });
  } catch (error) {
    throw asCliError(error);
  } finally {
    await store.close();
  }
}
