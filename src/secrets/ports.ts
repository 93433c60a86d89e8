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

/** Realm keys by purpose. */
export interface KeyRepository {
  list(realm: string, purpose: KeyPurpose): Promise<StoredKey[]>;
  /** Inserts a key; when two processes race to create the first key, the second insert is a no-op. */
  insertIfAbsent(key: StoredKey): Promise<void>;
}
