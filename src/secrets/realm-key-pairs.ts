/**
 * Asymmetric realm keys: the relying party's signing keys (`rp.sig`), decryption keys (`rp.enc`)
 * and mTLS client keys (`rp.tls`), and the OpenID provider's signing keys (`op.sig`, published by
 * the provider at its own `jwk_uri`, not in the relying party's set), each stored with its private key sealed by the master key (bound
 * to realm, purpose and kid) and its public JWK. Per purpose, keys form series (the algorithm, or
 * for TLS the certificate kind) with one `active` key each; installing a key into a series that has
 * one replaces it, and the replaced key is `retired`: still published, and still decrypting, until
 * `retireAfterMs` later (24 hours unless asked: far beyond what it signed — client assertions and
 * request objects live minutes — and beyond the time a provider caches the published set, so that
 * what it still encrypts to the old key opens). After that the key is neither published nor used,
 * and its row is deleted at the series' next change.
 *
 * Each process reads a realm's keys at most every LISTING_TTL_MS (30 s), and again at once after a
 * change it made itself or was told of: a key pair write through Arbor's store (a server's, or
 * `arbor keys rotate` on a shared database) is announced as a `keys` invalidation of the realm
 * (`platform/announce-writes.ts`), which every process applies within about a second. The 30 s
 * bound what nobody announced (SQL, the CLI on SQLite, a lost message). Private keys are decrypted
 * once per process.
 */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { type CacheInvalidation, EVERY_KEY } from '../cache/cache-invalidation.ts';
import { openBytes, sealBytes } from './aes-gcm.ts';
import { secretsError } from './errors.ts';
import { generateKeyPairMaterial } from './generate-key-pair-material.ts';
import { keyPairError } from './key-pair-errors.ts';
import { checkKeyPairMaterial, isSelfSigned, type KeyPairMaterial } from './key-pair-material.ts';
import type { KeyPairPurpose, KeyRepository, NewKeyPair, StoredKeyPair } from './ports.ts';
import { publicJwkOf, type PublicJwk } from './public-jwk.ts';
import { LISTING_TTL_MS } from './realm-keys.ts';
import { checkedAlgorithm, purposeOf, useOf, type KeyPairType, type KeyPairUse } from './rp-key-algorithms.ts';

/** How long a replaced key stays published (and decrypts) by default: 24 hours. */
export const DEFAULT_RETIRE_AFTER_MS = 24 * 3_600_000;

/** A stored key pair as Arbor uses it: no private material (see `privateKey`). */
export interface RealmKeyPair {
  realm: string;
  purpose: KeyPairPurpose;
  use: KeyPairUse;
  series: string;
  kid: string;
  alg: string;
  status: StoredKeyPair['status'];
  createdAt: number;
  /** When a retired key stops being published and used; undefined while active. */
  publishedUntil: number | undefined;
  /** The public JWK (with `x5c` when there is a certificate). */
  jwk: PublicJwk;
  /** Whether the key is in the realm's (relying party's) published set: its signing and encryption keys, self-signed TLS keys. */
  published: boolean;
  /** The leaf certificate's facts, when there is one. */
  certificate: { subject: string; issuer: string; validTo: number; selfSigned: boolean } | undefined;
}

/** What `install` stores. */
export interface InstallRequest {
  use: KeyPairUse;
  /** The purpose, when the use alone does not say it: `op.sig` (a `sig` key of the OpenID provider); the relying party's purpose of `use` when absent. */
  purpose?: KeyPairPurpose;
  /** The JWA algorithm; the key type's default (RS256, ES256, RSA-OAEP, ECDH-ES) when absent. */
  alg?: string;
  material: KeyPairMaterial;
  /** Replace the series' active key (retiring it); otherwise an existing active key is kept and nothing is stored. */
  replace: boolean;
  /** How long a replaced key stays published; DEFAULT_RETIRE_AFTER_MS when absent. */
  retireAfterMs?: number;
}

/** What `install` and `rotate` did. */
export type InstallResult =
  /** `key` is the series' active key now; `replaced`, when there was one, is retired. */
  | { outcome: 'installed'; key: RealmKeyPair; replaced: RealmKeyPair | undefined }
  /** The series had an active key (`key`) and replacing it was not asked: nothing stored. */
  | { outcome: 'exists'; key: RealmKeyPair }
  /** Another process changed the series at the same time: nothing stored; `key` is its active key now. */
  | { outcome: 'raced'; key: RealmKeyPair | undefined };

/** Asymmetric realm keys. */
export interface RealmKeyPairs {
  /** The keys in use in `realm` at this time (active, and retired ones not yet past), oldest first. */
  inUse(realm: string): Promise<RealmKeyPair[]>;
  /** The realm's published key set: the public JWKs of its published keys in use. */
  publicJwkSet(realm: string): Promise<{ keys: PublicJwk[] }>;
  /** The private key of a key pair (decrypted once per process). */
  privateKey(key: RealmKeyPair): KeyObject;
  /** Stores `request.material` as the active key of its series (see `InstallRequest.replace`). */
  install(realm: string, request: InstallRequest): Promise<InstallResult>;
  /** Replaces the active key of a series with a new key of the same type and size (a self-signed certificate with it). */
  rotate(realm: string, purpose: KeyPairPurpose, series: string, retireAfterMs?: number): Promise<InstallResult>;
}

/** What the key pairs are built from. */
export interface RealmKeyPairsDeps {
  keys: KeyRepository;
  /** The 32-byte master key. */
  masterKey: Uint8Array;
  clock: { now(): number };
  /** Announced changes: a `keys` invalidation of a realm drops its listing (every realm's with `EVERY_KEY`). */
  invalidation?: Pick<CacheInvalidation, 'subscribe'>;
}

function slotOf(realm: string, purpose: KeyPairPurpose, kid: string): string {
  return `${realm}\0${purpose}\0${kid}`;
}

/** The common name of the certificates Arbor makes for a realm's keys. */
export function certificateCommonName(realm: string, use: KeyPairUse): string {
  return `Arbor relying party ${realm} ${use}`;
}

function isPublicJwk(value: unknown): value is PublicJwk {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { kty, kid, use, alg } = value as Record<string, unknown>;
  return typeof kty === 'string' && typeof kid === 'string' && (use === 'sig' || use === 'enc') && typeof alg === 'string';
}

function describe(stored: StoredKeyPair): RealmKeyPair {
  const jwk: unknown = JSON.parse(stored.publicJwk);
  if (!isPublicJwk(jwk) || jwk.kid !== stored.kid) throw new Error(`stored key pair ${stored.realm}/${stored.kid} has no valid public JWK`);
  const [leafDer] = jwk.x5c ?? [];
  const leaf = leafDer === undefined ? undefined : new X509Certificate(Buffer.from(leafDer, 'base64'));
  const selfSigned = leaf !== undefined && isSelfSigned(leaf);
  return {
    realm: stored.realm,
    purpose: stored.purpose,
    use: useOf(stored.purpose),
    series: stored.series,
    kid: stored.kid,
    alg: jwk.alg,
    status: stored.status,
    createdAt: stored.createdAt,
    publishedUntil: stored.publishedUntil,
    jwk,
    published: stored.purpose === 'rp.sig' || stored.purpose === 'rp.enc' || (stored.purpose === 'rp.tls' && stored.series === 'self-signed'),
    certificate: leaf === undefined ? undefined : { subject: leaf.subject.replaceAll('\n', ', '), issuer: leaf.issuer.replaceAll('\n', ', '), validTo: Date.parse(leaf.validTo), selfSigned },
  };
}

/** Active keys first (newest first), then retired ones, newest first. */
function byPreference(a: RealmKeyPair, b: RealmKeyPair): number {
  if (a.status !== b.status) return a.status === 'active' ? -1 : 1;
  return b.createdAt - a.createdAt || (a.kid < b.kid ? 1 : a.kid > b.kid ? -1 : 0);
}

/** The keys of `keys` preferred first (see `byPreference`). */
export function preferred(keys: readonly RealmKeyPair[]): RealmKeyPair[] {
  return [...keys].sort(byPreference);
}

/** Builds the realm key pairs over the key repository. */
export function createRealmKeyPairs(deps: RealmKeyPairsDeps): RealmKeyPairs {
  const decrypted = new Map<string, KeyObject>();
  // The sealed private key of each key pair this service described: `privateKey` opens it on first use.
  const sealed = new WeakMap<RealmKeyPair, string>();
  const listings = new Map<string, { at: number; keys: RealmKeyPair[] }>();
  // Counts the invalidations heard: a listing whose read began before one may predate the change, and is not kept.
  let invalidations = 0;
  deps.invalidation?.subscribe((kind, key) => {
    if (kind !== 'keys') return;
    invalidations += 1;
    if (key === EVERY_KEY) listings.clear();
    else listings.delete(key);
  });

  async function read(realm: string, fresh = false): Promise<RealmKeyPair[]> {
    const now = deps.clock.now();
    const cached = listings.get(realm);
    if (!fresh && cached !== undefined && now >= cached.at && now - cached.at < LISTING_TTL_MS) return cached.keys;
    const before = invalidations;
    const keys = (await deps.keys.listKeyPairs(realm)).map((row) => {
      const key = describe(row);
      sealed.set(key, row.material);
      return key;
    });
    if (invalidations === before) listings.set(realm, { at: now, keys });
    return keys;
  }

  function inUseAt(keys: readonly RealmKeyPair[], now: number): RealmKeyPair[] {
    return keys.filter((key) => key.status === 'active' || (key.publishedUntil !== undefined && key.publishedUntil > now));
  }

  function activeOf(keys: readonly RealmKeyPair[], purpose: KeyPairPurpose, series: string): RealmKeyPair | undefined {
    return keys.find((key) => key.purpose === purpose && key.series === series && key.status === 'active');
  }

  function privateKey(key: RealmKeyPair): KeyObject {
    const slot = slotOf(key.realm, key.purpose, key.kid);
    let privateKeyObject = decrypted.get(slot);
    if (privateKeyObject === undefined) {
      const material = sealed.get(key);
      if (material === undefined) throw new Error(`key pair ${key.kid} was not read by this service`);
      const der = openBytes(Buffer.from(material, 'base64url'), deps.masterKey, slot);
      if (der === undefined) throw secretsError('KEY_DECRYPTION_FAILED', `Realm key ${key.kid} (${key.realm}, ${key.purpose}) does not decrypt with this master key`);
      privateKeyObject = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
      decrypted.set(slot, privateKeyObject);
    }
    return privateKeyObject;
  }

  async function install(realm: string, request: InstallRequest): Promise<InstallResult> {
    const now = deps.clock.now();
    const type: KeyPairType = checkKeyPairMaterial(request.material, now);
    const purpose = request.purpose ?? purposeOf(request.use);
    if (useOf(purpose) !== request.use) throw keyPairError('ALGORITHM_UNSUPPORTED', `a ${purpose} key is not a ${request.use} key`);
    const [leaf] = request.material.certificates;
    if (request.use === 'tls' && leaf === undefined) throw keyPairError('CERTIFICATE_INVALID', 'a TLS client key needs its certificate');
    const series = request.use === 'tls' ? (leaf !== undefined && isSelfSigned(leaf) ? 'self-signed' : 'ca') : checkedAlgorithm(request.use, type, request.alg);
    const alg = request.use === 'tls' ? checkedAlgorithm('tls', type, request.alg) : series;
    const jwk = await publicJwkOf(request.material, request.use === 'enc' ? 'enc' : 'sig', alg);
    const current = await read(realm, true);
    const taken = current.find((key) => key.kid === jwk.kid);
    if (taken !== undefined) {
      throw keyPairError('KEY_EXISTS', `realm ${realm} holds this key already (kid ${taken.kid}, ${taken.use} ${taken.alg}, ${taken.status}): use a new key`);
    }
    const active = activeOf(current, purpose, series);
    if (active !== undefined && !request.replace) return { outcome: 'exists', key: active };
    const der = request.material.privateKey.export({ format: 'der', type: 'pkcs8' });
    const key: NewKeyPair = {
      realm,
      purpose,
      series,
      kid: jwk.kid,
      material: sealBytes(der, deps.masterKey, slotOf(realm, purpose, jwk.kid)).toString('base64url'),
      publicJwk: JSON.stringify(jwk),
      createdAt: now,
    };
    const retireAfter = Math.max(0, request.retireAfterMs ?? DEFAULT_RETIRE_AFTER_MS);
    const done = await deps.keys.replaceActiveKeyPair(key, active === undefined ? undefined : { kid: active.kid, publishedUntil: now + retireAfter });
    // Read back either way: this process uses what is stored now, at once.
    const after = await read(realm, true);
    const winner = activeOf(after, purpose, series);
    if (!done || winner?.kid !== key.kid) return { outcome: 'raced', key: winner };
    return { outcome: 'installed', key: winner, replaced: active === undefined ? undefined : after.find((candidate) => candidate.kid === active.kid) };
  }

  return {
    async inUse(realm) {
      return inUseAt(await read(realm), deps.clock.now());
    },

    async publicJwkSet(realm) {
      const keys = inUseAt(await read(realm), deps.clock.now()).filter((key) => key.published);
      return { keys: keys.map((key) => key.jwk) };
    },

    privateKey,

    install,

    async rotate(realm, purpose, series, retireAfterMs) {
      const active = activeOf(await read(realm, true), purpose, series);
      const use = useOf(purpose);
      if (active === undefined) throw keyPairError('KEY_MISSING', `realm ${realm} has no active ${use} key ${series} to rotate`);
      if (purpose === 'rp.tls' && series === 'ca') {
        throw keyPairError('NOT_ROTATABLE', `realm ${realm}'s TLS client certificate is CA-issued: Arbor cannot issue its successor; import the new key and certificate (arbor keys import --use tls)`);
      }
      const old = privateKey(active);
      const type: KeyPairType = active.jwk.kty === 'EC' ? 'EC' : 'RSA';
      const bits = old.asymmetricKeyDetails?.modulusLength;
      const material = await generateKeyPairMaterial({ type, ...(bits === undefined ? {} : { bits }), use, commonName: certificateCommonName(realm, use), now: deps.clock.now() });
      return install(realm, { use, purpose, alg: active.alg, material, replace: true, ...(retireAfterMs === undefined ? {} : { retireAfterMs }) });
    },
  };
}
