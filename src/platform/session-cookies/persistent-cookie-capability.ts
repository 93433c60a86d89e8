/**
 * The persistent cookie as a platform capability: AM's Set Persistent Cookie and Persistent
 * Cookie Decision nodes, and the `PERSISTENT_COOKIE_KEYS` service that opens their sealed HMAC
 * keys with the master key's sealer (`persistent-cookie-keys-adapter.ts`).
 */
import { PERSISTENT_COOKIE_KEYS } from '../../journeys/nodes/session/persistent-cookie-keys.ts';
import { persistentCookieNodes } from '../../journeys/nodes/session/session-nodes.ts';
import type { PlatformCapability } from '../platform-capability.ts';
import { persistentCookieKeysOver } from './persistent-cookie-keys-adapter.ts';

/** The persistent cookie capability. */
export const persistentCookieCapability: PlatformCapability = {
  name: 'persistent cookie',
  nodes: persistentCookieNodes,
  install(context) {
    context.registry.register(PERSISTENT_COOKIE_KEYS, persistentCookieKeysOver(context.sealer));
    return {};
  },
};
