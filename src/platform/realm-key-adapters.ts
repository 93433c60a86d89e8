/**
 * Adapts the realm key sets to what the journey engine asks for: authId HMAC keys, and the cipher
 * that seals whole journey records at rest (the realm's `transientState.aes` keys: the active one
 * seals, every valid one still opens).
 */
import type { AuthIdKeys } from '../journeys/engine/auth-id.ts';
import type { JourneyStateCipher } from '../journeys/engine/journey-service.ts';
import { isSecretsError } from '../secrets/errors.ts';
import type { RealmKeys } from '../secrets/realm-keys.ts';
import { decryptJson, encryptJson } from '../secrets/transient-cipher.ts';

/** The engine-facing key adapters. */
export function realmKeyAdapters(realmKeys: RealmKeys): { authId: AuthIdKeys; journeyState: JourneyStateCipher } {
  return {
    authId: {
      active: (realm) => realmKeys.activeKey(realm, 'authId.hmac'),
      all: (realm) => realmKeys.verificationKeys(realm, 'authId.hmac'),
    },
    journeyState: {
      async seal(realm, value) {
        return encryptJson(value, await realmKeys.activeKey(realm, 'transientState.aes'));
      },
      async open(realm, text) {
        const keys = await realmKeys.verificationKeys(realm, 'transientState.aes');
        try {
          return decryptJson(text, keys);
        } catch (error) {
          // Tampered, or sealed with a key this realm does not have: not openable, not an outage.
          if (isSecretsError(error, 'CIPHERTEXT_INVALID')) return undefined;
          throw error;
        }
      },
    },
  };
}
