/**
 * The HMAC keys of the persistent cookie nodes. A node's `hmacSigningKey` is a secret of its
 * configuration (`secretConfig`): sealed with the master key when the journey is written, never
 * exported, and opened only here, by the capability's service (`PERSISTENT_COOKIE_KEYS`), which
 * gives a key derived from it for the realm, never the configured text itself. Two nodes
 * configured with the same text (a Set Persistent Cookie node and the Persistent Cookie Decision
 * node that reads its cookie) get the same key in one realm, and different keys in two realms.
 */
import { capabilityKey } from '../../engine/capabilities.ts';

/** A node secret as stored: sealed for `purpose` (`secretConfigPurpose`). */
export interface SealedNodeSecret {
  sealed: string;
  purpose: string;
}

/** What the persistent cookie nodes call. */
export interface PersistentCookieKeys {
  /** The HMAC-SHA256 key for `realm` (a realm name: `alpha`, `root`) of the sealed `secret`. */
  signingKey(secret: SealedNodeSecret, realm: string): Uint8Array;
}

/** The key the persistent cookie capability registers its service under. */
export const PERSISTENT_COOKIE_KEYS = capabilityKey<PersistentCookieKeys>('persistent cookie keys');
