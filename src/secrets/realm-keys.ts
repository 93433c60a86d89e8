/**
 * Realm keys: 256-bit secrets per realm and purpose (`authId.hmac` signs authIds with HS256,
 * `transientState.aes` seals journey transient state with AES-256-GCM). Generated on first use,
 * stored encrypted with the master key, decrypted once per process (keys never change once stored).
 */
import { createHash, randomBytes } from 'node:crypto';
import { openBytes, sealBytes } from './aes-gcm.ts';
import { secretsError } from './errors.ts';
import type { KeyPurpose, KeyRepository, StoredKey } from './ports.ts';

/** A usable realm key. */
export interface RealmKey {
  kid: string;
  /** The 32 secret bytes. */
  key: Uint8Array;
  status: StoredKey['status'];
  createdAt: number;
}

/** Realm keys by purpose. */
export interface RealmKeys {
  /** The key that signs or encrypts now; generated and stored on first use. */
  activeKey(realm: string, purpose: KeyPurpose): Promise<RealmKey>;
  /** Every key that still verifies or decrypts, the active one first; none before the first use. */
  verificationKeys(realm: string, purpose: KeyPurpose): Promise<RealmKey[]>;
}

/** What realm keys are built from. */
export interface RealmKeysDeps {
  keys: KeyRepository;
  /** The 32-byte master key. */
  masterKey: Uint8Array;
  clock: { now(): number };
}

/**
 * The first key's id is derived from realm and purpose, so that processes racing to create it
 * insert the same row and the store keeps one (keys are unique per realm, purpose and kid).
 */
export function firstKid(realm: string, purpose: KeyPurpose): string {
  return createHash('sha256').update(`arbor realm key\x00${realm}\x00${purpose}\x001`).digest('base64url').slice(0, 22);
}

function slotOf(realm: string, purpose: KeyPurpose, kid: string): string {
  return `${realm}\0${purpose}\0${kid}`;
}

/** The master-key encryption of a key's material, bound to its realm, purpose and kid. */
export function encryptKeyMaterial(masterKey: Uint8Array, realm: string, purpose: KeyPurpose, kid: string, secret: Uint8Array): string {
  return sealBytes(secret, masterKey, slotOf(realm, purpose, kid)).toString('base64url');
}

/** Newest active first (a rotation adds a newer one), then the still-valid keys newest first. */
function byPreference(a: StoredKey, b: StoredKey): number {
  if (a.status !== b.status) return a.status === 'active' ? -1 : 1;
  return b.createdAt - a.createdAt || (a.kid < b.kid ? 1 : a.kid > b.kid ? -1 : 0);
}

/** How long a realm's key list is reused before it is read again. */
export const LISTING_TTL_MS = 30_000;

/** Builds realm keys over the key repository. */
export function createRealmKeys(deps: RealmKeysDeps): RealmKeys {
  const decrypted = new Map<string, Uint8Array>();

  function decrypt(stored: StoredKey): RealmKey {
    const slot = slotOf(stored.realm, stored.purpose, stored.kid);
    let key = decrypted.get(slot);
    if (key === undefined) {
      key = openBytes(Buffer.from(stored.material, 'base64url'), deps.masterKey, slot);
      if (key === undefined || key.length !== 32) {
        throw secretsError('KEY_DECRYPTION_FAILED', `Realm key ${stored.kid} (${stored.realm}, ${stored.purpose}) does not decrypt with this master key`);
      }
      decrypted.set(slot, key);
    }
    return { kid: stored.kid, key, status: stored.status, createdAt: stored.createdAt };
  }

  // Every journey step needs these keys: the list is read again at most every LISTING_TTL_MS, so a
  // key added by another process (rotation) is used within that time.
  const listings = new Map<string, { at: number; keys: StoredKey[] }>();
  async function sorted(realm: string, purpose: KeyPurpose, fresh = false): Promise<StoredKey[]> {
    const slot = `${realm}\u0000${purpose}`;
    const now = deps.clock.now();
    const cached = listings.get(slot);
    if (!fresh && cached !== undefined && now >= cached.at && now - cached.at < LISTING_TTL_MS) return cached.keys;
    const keys = (await deps.keys.list(realm, purpose)).sort(byPreference);
    listings.set(slot, { at: now, keys });
    return keys;
  }

  return {
    async activeKey(realm, purpose) {
      let [preferred] = await sorted(realm, purpose);
      if (preferred?.status !== 'active') {
        const kid = firstKid(realm, purpose);
        const material = encryptKeyMaterial(deps.masterKey, realm, purpose, kid, randomBytes(32));
        await deps.keys.insertIfAbsent({ realm, purpose, kid, material, createdAt: deps.clock.now(), status: 'active' });
        // Read back: when another process inserted first, its key is the one everybody uses.
        [preferred] = await sorted(realm, purpose, true);
      }
      if (preferred?.status !== 'active') throw new Error(`no active ${purpose} key for realm ${realm} after inserting one`);
      return decrypt(preferred);
    },

    async verificationKeys(realm, purpose) {
      return (await sorted(realm, purpose)).map(decrypt);
    },
  };
}
