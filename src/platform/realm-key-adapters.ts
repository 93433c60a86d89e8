/** Adapts the realm key sets to what the journey engine asks for: authId HMAC keys and the transient-state cipher. */
import type { AuthIdKeys } from '../journeys/engine/auth-id.ts';
import type { TransientCipher } from '../journeys/engine/journey-service.ts';
import type { RealmKeys } from '../secrets/realm-keys.ts';
import { decryptJson, encryptJson } from '../secrets/transient-cipher.ts';

/** The engine-facing key adapters. */
export function realmKeyAdapters(realmKeys: RealmKeys): { authId: AuthIdKeys; transient: TransientCipher } {
  return {
    authId: {
      active: (realm) => realmKeys.activeKey(realm, 'authId.hmac'),
      all: (realm) => realmKeys.verificationKeys(realm, 'authId.hmac'),
    },
    transient: {
      async seal(realm, value) {
        return encryptJson(value, await realmKeys.activeKey(realm, 'transientState.aes'));
      },
      async open(realm, text) {
        const value = decryptJson(text, await realmKeys.verificationKeys(realm, 'transientState.aes'));
        if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('transient state is not an object');
        return value as Record<string, unknown>;
      },
    },
  };
}
