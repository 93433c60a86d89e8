/**
 * Whether the master key in use is the one the stored realm keys were encrypted with. Checked when
 * Arbor starts (a lost or replaced key stops the start with a clear message, instead of a server
 * that answers 500 to every sign-in) and by `/health/ready`. Every stored key of every realm must
 * open, the symmetric keys of each purpose and the private keys of the relying-party key pairs
 * (`arbor keys generate` may have made those before any journey made the others): none opening
 * means another master key (`MASTER_KEY_MISMATCH`); some not opening means damaged rows
 * (`KEY_DECRYPTION_FAILED`, naming the first).
 */
import { openBytes } from './aes-gcm.ts';
import { secretsError } from './errors.ts';
import type { KeyPairPurpose, KeyPurpose, KeyRepository } from './ports.ts';

/** Every purpose realm keys have. */
export const KEY_PURPOSES: readonly KeyPurpose[] = ['authId.hmac', 'transientState.aes'];

/** A stored key's sealed material and what it is bound to: a symmetric realm key or a key pair's private key. */
export interface SealedRealmKey {
  realm: string;
  purpose: KeyPurpose | KeyPairPurpose;
  kid: string;
  /** The master-key encryption, base64url. */
  material: string;
  kind: 'secret' | 'key pair';
}

/** Every stored realm key of `realms`: the symmetric keys of each purpose, then the key pairs (retired ones included). */
export async function storedRealmKeys(keys: KeyRepository, realms: readonly string[]): Promise<SealedRealmKey[]> {
  const lists = await Promise.all(realms.flatMap((realm) => KEY_PURPOSES.map((purpose) => keys.list(realm, purpose))));
  const pairs = await Promise.all(realms.map((realm) => keys.listKeyPairs(realm)));
  return [
    ...lists.flat().map(({ realm, purpose, kid, material }): SealedRealmKey => ({ realm, purpose, kid, material, kind: 'secret' })),
    ...pairs.flat().map(({ realm, purpose, kid, material }): SealedRealmKey => ({ realm, purpose, kid, material, kind: 'key pair' })),
  ];
}

function opens(stored: SealedRealmKey, masterKey: Uint8Array): boolean {
  const key = openBytes(Buffer.from(stored.material, 'base64url'), masterKey, `${stored.realm}\0${stored.purpose}\0${stored.kid}`);
  // A symmetric key is 32 bytes; a key pair's is a PKCS#8 private key (any length).
  return key !== undefined && (stored.kind === 'key pair' ? key.length > 0 : key.length === 32);
}

/** Throws MASTER_KEY_MISMATCH or KEY_DECRYPTION_FAILED unless every realm key and key pair of `realms` opens with `masterKey`. */
export async function checkMasterKey(keys: KeyRepository, masterKey: Uint8Array, realms: readonly string[]): Promise<void> {
  const stored = await storedRealmKeys(keys, realms);
  const closed = stored.filter((key) => !opens(key, masterKey));
  if (closed.length === 0) return;
  if (closed.length === stored.length) {
    throw secretsError(
      'MASTER_KEY_MISMATCH',
      'the master key does not open the realm keys stored in the database: it is not the key they were encrypted with. Restore the original ARBOR_MASTER_KEY (or master.key in the data directory)',
    );
  }
  const [first] = closed;
  throw secretsError('KEY_DECRYPTION_FAILED', `realm ${first?.kind === 'key pair' ? 'key pair' : 'key'} ${first?.kid} (${first?.realm}, ${first?.purpose}) does not open with the master key, though others do: the row was altered`);
}
