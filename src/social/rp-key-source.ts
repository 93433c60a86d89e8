/**
 * The realm's relying-party keys as the relying party uses them: private keys to sign client
 * assertions and request objects, to decrypt what providers encrypt to the realm, and the TLS
 * client certificate for mTLS. Implemented over the realm's asymmetric keys (`src/secrets/`);
 * the public halves are published at the realm's `connect/rp/jwk_uri`.
 */
import type { KeyObject } from 'node:crypto';

/** A private key with the `kid` published for it. */
export interface RpPrivateKey {
  kid: string;
  /** The JWS or JWE algorithm the key is published for (`RS256`, `RSA-OAEP`…), when it has one. */
  alg?: string;
  key: KeyObject;
}

export interface RpKeySource {
  /** The active key that signs with `alg` (`RS256`, `PS256`, `ES256`…) in `realm`; throws when the realm has none. */
  signingKey(realm: string, alg: string): Promise<RpPrivateKey>;
  /** Every key that may decrypt what a provider encrypted to `realm` (active first, then retired ones still published). */
  decryptionKeys(realm: string): Promise<RpPrivateKey[]>;
  /**
   * The TLS client certificate for mTLS client authentication: CA-issued (`TLS_CLIENT_AUTH`) or
   * self-signed (`SELF_SIGNED_TLS_CLIENT_AUTH`); undefined when the realm has none.
   */
  tlsClientCertificate(realm: string, kind: 'ca' | 'self-signed'): Promise<{ certificatePem: string; privateKeyPem: string } | undefined>;
}
