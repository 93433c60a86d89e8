/**
 * Adapts the realm key sets to what the journey engine asks for: authId HMAC keys, and the cipher
 * that seals whole journey records at rest (the realm's `transientState.aes` keys: the active one
 * seals, every valid one still opens). Every key is made into what its algorithm uses (a
 * secret `KeyObject`, for HMAC and for AES-GCM) once per key, since a key's material never
 * changes: not from bytes again at every step.
 */
import { createSecretKey } from 'node:crypto';
import type { AuthIdKeys, KeyMaterial } from '../journeys/engine/auth-id.ts';
import type { JourneyStateCipher } from '../journeys/engine/journey-service.ts';
import { isSecretsError } from '../secrets/errors.ts';
import type { RealmKey, RealmKeys } from '../secrets/realm-keys.ts';
import type { SealingKey } from '../secrets/transient-cipher.ts';
import { decryptJson, encryptJson } from '../secrets/transient-cipher.ts';

/** The engine-facing key adapters. */
export function realmKeyAdapters(realmKeys: RealmKeys): { authId: AuthIdKeys; journeyState: JourneyStateCipher } {
  const hmacKeys = new Map<string, KeyMaterial>();
  const hmacKey = (realm: string, key: RealmKey): KeyMaterial => {
    const slot = `${realm}\u0000${key.kid}`;
    let material = hmacKeys.get(slot);
    if (material === undefined) {
      material = { kid: key.kid, key: createSecretKey(key.key) };
      hmacKeys.set(slot, material);
    }
    return material;
  };
  const aesKeys = new Map<string, SealingKey>();
  const aesKey = (realm: string, key: RealmKey): SealingKey => {
    const slot = `${realm}\u0000${key.kid}`;
    let sealing = aesKeys.get(slot);
    if (sealing === undefined) {
      sealing = { kid: key.kid, key: createSecretKey(key.key) };
      aesKeys.set(slot, sealing);
    }
    return sealing;
  };
  return {
    authId: {
      active: async (realm) => hmacKey(realm, await realmKeys.activeKey(realm, 'authId.hmac')),
      all: async (realm) => (await realmKeys.verificationKeys(realm, 'authId.hmac')).map((key) => hmacKey(realm, key)),
    },
    journeyState: {
      async seal(realm, value) {
        return encryptJson(value, aesKey(realm, await realmKeys.activeKey(realm, 'transientState.aes')));
      },
      async open(realm, text) {
        const keys = (await realmKeys.verificationKeys(realm, 'transientState.aes')).map((key) => aesKey(realm, key));
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
