/**
 * The persistent cookie nodes' keys over the master key's sealer: opens a node's sealed
 * `hmacSigningKey` for its purpose and derives the realm's HMAC key from it with HKDF-SHA256, so
 * that the configured text itself never signs anything and a cookie of one realm is worthless in
 * another.
 */
import { hkdfSync } from 'node:crypto';
import type { PersistentCookieKeys } from '../../journeys/nodes/session/persistent-cookie-keys.ts';
import type { SecretSealer } from '../../secrets/secret-sealer.ts';

/** The keys service over `sealer`. */
export function persistentCookieKeysOver(sealer: SecretSealer): PersistentCookieKeys {
  return {
    signingKey(secret, realm) {
      const configured = Buffer.from(sealer.open(secret.sealed, secret.purpose), 'utf8');
      return new Uint8Array(hkdfSync('sha256', configured, 'arbor persistent cookie v1', `realm ${realm}`, 32));
    },
  };
}
