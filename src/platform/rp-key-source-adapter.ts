/**
 * The relying party's key source over the realm's asymmetric keys: the active signing key of the
 * asked algorithm, every encryption key in use (active first, then retired ones still published,
 * newest first), and the active TLS client certificate of the asked kind with its private key.
 * Keys come from `RealmKeyPairs` on every call (nothing is kept here): it reads a realm's keys
 * again at once after an announced change (a rotation through any server, or by `arbor keys` on a
 * shared database, within about a second), else at most every 30 seconds; private keys are
 * decrypted once per process.
 */
import { keyPairError } from '../secrets/key-pair-errors.ts';
import { preferred, type RealmKeyPair, type RealmKeyPairs } from '../secrets/realm-key-pairs.ts';
import type { RpKeySource } from '../social/rp-key-source.ts';

/** PEM text of the certificate chain a key's JWK carries (`x5c`, leaf first). */
function chainPem(key: RealmKeyPair): string {
  return (key.jwk.x5c ?? []).map((der) => `-----BEGIN CERTIFICATE-----\n${der.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END CERTIFICATE-----\n`).join('');
}

/** The RP key source of `keyPairs`. */
export function rpKeySourceOver(keyPairs: RealmKeyPairs): RpKeySource {
  return {
    async signingKey(realm, alg) {
      const key = (await keyPairs.inUse(realm)).find((candidate) => candidate.purpose === 'rp.sig' && candidate.series === alg && candidate.status === 'active');
      if (key === undefined) throw keyPairError('KEY_MISSING', `realm ${realm} has no ${alg} signing key: create one with arbor keys generate --realm ${realm} --alg ${alg}`);
      return { kid: key.kid, alg: key.alg, key: keyPairs.privateKey(key) };
    },

    async decryptionKeys(realm) {
      const keys = preferred((await keyPairs.inUse(realm)).filter((candidate) => candidate.purpose === 'rp.enc'));
      return keys.map((key) => ({ kid: key.kid, alg: key.alg, key: keyPairs.privateKey(key) }));
    },

    async tlsClientCertificate(realm, kind) {
      const key = (await keyPairs.inUse(realm)).find((candidate) => candidate.purpose === 'rp.tls' && candidate.series === kind && candidate.status === 'active');
      if (key === undefined) return undefined;
      const privateKeyPem = keyPairs.privateKey(key).export({ format: 'pem', type: 'pkcs8' });
      return { certificatePem: chainPem(key), privateKeyPem: typeof privateKeyPem === 'string' ? privateKeyPem : privateKeyPem.toString('utf8') };
    },
  };
}
