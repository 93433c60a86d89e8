/** Storage port for realm keys. Key material is stored encrypted with the master key. */

/** What a key is used for. */
export type KeyPurpose = 'authId.hmac' | 'transientState.aes';

/** A stored key: `material` is the master-key-encrypted secret, base64url. */
export interface StoredKey {
  realm: string;
  purpose: KeyPurpose;
  kid: string;
  material: string;
  createdAt: number;
  /** `active` signs and encrypts; `valid` still verifies and decrypts. */
  status: 'active' | 'valid';
}

/**
 * What an asymmetric realm key is for: the relying party's signatures, its decryption, its mTLS
 * client certificate; the OpenID provider's signatures (`op.sig`: ID tokens, JWT responses).
 */
export type KeyPairPurpose = 'rp.sig' | 'rp.enc' | 'rp.tls' | 'op.sig';

/** A stored asymmetric key: the private key sealed with the master key, the public JWK in clear. */
export interface StoredKeyPair {
  realm: string;
  purpose: KeyPairPurpose;
  /**
   * The keys of a purpose that replace each other (one active key per series): the JWA algorithm
   * for `rp.sig`, `rp.enc` and `op.sig` (`RS256`, `RSA-OAEP`), the certificate kind for `rp.tls` (`ca`, `self-signed`).
   */
  series: string;
  /** Unique in the realm (the RFC 7638 thumbprint of the public key). */
  kid: string;
  /** The master-key encryption of the PKCS#8 DER private key, bound to realm, purpose and kid; base64url. */
  material: string;
  /** The public JWK as JSON text (`kty`, `kid`, `use`, `alg`, the public members, `x5c`/`x5t`/`x5t#S256` with a certificate). */
  publicJwk: string;
  createdAt: number;
  /** `active` signs (or is the preferred encryption key); `retired` is still published, and still decrypts, until `publishedUntil`. */
  status: 'active' | 'retired';
  /** When a retired key stops being published and used (epoch ms); undefined while active. */
  publishedUntil: number | undefined;
}

/** A key pair about to become active. */
export type NewKeyPair = Omit<StoredKeyPair, 'status' | 'publishedUntil'>;

/** Realm keys by purpose. */
export interface KeyRepository {
  list(realm: string, purpose: KeyPurpose): Promise<StoredKey[]>;
  /** Inserts a key; when two processes race to create the first key, the second insert is a no-op. */
  insertIfAbsent(key: StoredKey): Promise<void>;
  /** Every asymmetric key of `realm`, whatever its purpose and status, oldest first then by kid. */
  listKeyPairs(realm: string): Promise<StoredKeyPair[]>;
  /**
   * Makes `key` the active key of its realm, purpose and series, in one atomic change: with
   * `replacing` undefined only when the series has no active key; else only when `replacing.kid`
   * is still the series' active key, which becomes `retired` until `replacing.publishedUntil`.
   * Retired keys of the series whose time has passed at `key.createdAt` are deleted. Resolves to
   * false, changing nothing, when the realm already holds `key.kid` or another writer changed the
   * series first (so that racing processes agree on one active key).
   */
  replaceActiveKeyPair(key: NewKeyPair, replacing: { kid: string; publishedUntil: number } | undefined): Promise<boolean>;
}
