/**
 * The OpenID provider's signing keys of a realm: its `op.sig` key pairs (RealmKeyPairs), an RSA
 * RS256 key generated and stored on first use (sealed with the master key, like every realm key).
 * A rotated key stays in the set, after the active one, until its `publishedUntil`: tokens it
 * signed still verify. The set is given to oidc-provider as private JWKs; `version` changes
 * whenever the set does (the provider is rebuilt then). The provider's cookie keys are derived
 * from the same private keys (HMAC), the active key's first: they change with the keys, and a
 * cookie signed before a rotation is still read until the retired key goes.
 */
import { createHmac, type JsonWebKey } from 'node:crypto';
import { generateKeyPairMaterial } from '../secrets/generate-key-pair-material.ts';
import { certificateCommonName, preferred, type RealmKeyPair, type RealmKeyPairs } from '../secrets/realm-key-pairs.ts';

/** The provider's keys at one time. */
export interface ProviderSigningKeys {
  /** Private JWKs, the active key first (`kid`, `alg`, `use: sig`). */
  jwks: { keys: JsonWebKey[] };
  /** Keys oidc-provider signs its cookies with (the first signs, all verify). */
  cookieKeys: string[];
  /** Changes whenever the key set does. */
  version: string;
}

/** The series Arbor creates for the provider when the realm has no signing key. */
export const DEFAULT_OP_SERIES = 'RS256';

/** The version of a realm's key set (`ProviderSigningKeys.version`): its `op.sig` keys in use and their status. */
export function keysVersionOf(keys: readonly RealmKeyPair[]): string {
  return keys
    .filter((key) => key.purpose === 'op.sig')
    .map((key) => `${key.kid}:${key.status}`)
    .sort()
    .join(',');
}

function providerKeysOf(keys: readonly RealmKeyPair[]): RealmKeyPair[] {
  return preferred(keys.filter((key) => key.purpose === 'op.sig'));
}

/** The realm's provider keys in use, the active key created first when there is none. */
export async function providerSigningKeys(keyPairs: RealmKeyPairs, realm: string, clock: { now(): number }): Promise<ProviderSigningKeys> {
  let keys = providerKeysOf(await keyPairs.inUse(realm));
  if (!keys.some((key) => key.status === 'active')) {
    const material = await generateKeyPairMaterial({ type: 'RSA', use: 'sig', commonName: certificateCommonName(realm, 'sig'), now: clock.now() });
    // Racing processes agree on one key (`raced` reads the winner back).
    await keyPairs.install(realm, { use: 'sig', purpose: 'op.sig', alg: DEFAULT_OP_SERIES, material, replace: false });
    keys = providerKeysOf(await keyPairs.inUse(realm));
  }
  const jwks = keys.map((key) => {
    const exported = keyPairs.privateKey(key).export({ format: 'jwk' });
    return { ...exported, kid: key.kid, alg: key.alg, use: 'sig' };
  });
  const cookieKeys = keys.map((key) => createHmac('sha256', keyPairs.privateKey(key).export({ format: 'der', type: 'pkcs8' })).update(`arbor oidc cookies ${realm}`).digest('base64url'));
  return { jwks: { keys: jwks }, cookieKeys, version: keysVersionOf(keys) };
}
