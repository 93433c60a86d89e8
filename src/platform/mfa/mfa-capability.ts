/**
 * Multi-factor and passwordless sign-in as a platform capability: the MFA node types
 * (`journeys/nodes/mfa/mfa-nodes.ts`), the `DeviceService` they find under `MFA_DEVICES` (users'
 * devices in the store's `devices` table, secrets sealed with the master key), and AM's device
 * REST routes (`http/am/device-routes.ts`) under `/am/json` and `/json`. A deleted user's devices
 * go with them (`remove-devices-on-account-change.ts`, hooked where account changes are heard).
 * See docs/devices.md.
 */
import { createDeviceService } from '../../devices/device-service.ts';
import { registerDeviceRoutes } from '../../http/am/device-routes.ts';
import type { AnyNodeDefinition } from '../../journeys/engine/define-node.ts';
import { MFA_DEVICES } from '../../journeys/nodes/mfa/mfa-devices.ts';
import { mfaNodes } from '../../journeys/nodes/mfa/mfa-nodes.ts';
import { WEBAUTHN_SERVER } from '../../journeys/nodes/mfa/webauthn/webauthn-server.ts';
import { cachedRealms } from '../cached-realms.ts';
import { installMfaJourneys } from './install-mfa-journeys.ts';
import { registerSmsGateway, type SmsLogEntry } from './sms-gateway-adapter.ts';
import type { PlatformCapability } from '../platform-capability.ts';

/** What a deployment (or a test) may change. */
export interface MfaCapabilityOptions {
  /** The node types added (default: every MFA node). */
  nodes?: readonly AnyNodeDefinition[];
}

/** Makes the capability. */
export function createMfaCapability(options: MfaCapabilityOptions = {}): PlatformCapability {
  return {
    name: 'mfa',
    nodes: options.nodes ?? mfaNodes,
    async install(context) {
      await installMfaJourneys(context.store); // MFALogin and PasswordlessLogin in every realm (docs/mfa.md)
      const devices = createDeviceService({ repository: context.store.devices, sealer: context.sealer, clock: context.clock });
      context.registry.register(MFA_DEVICES, devices);
      // WebAuthn's default relying party (id and origin) is the server's public URL.
      context.registry.register(WEBAUTHN_SERVER, { publicUrl: context.settings.publicUrl });
      // Until the app (and its log) exists, lines about text messages are kept silent; `routes` binds the log.
      let platformLog: (entry: SmsLogEntry) => void = () => {};
      registerSmsGateway(context, (entry) => platformLog(entry));
      const realms = cachedRealms(context.store.realms, context.clock, context.cacheInvalidation);
      return {
        async realmCreated(realm) {
          await installMfaJourneys({ realms: { list: async () => [realm] }, journeys: context.store.journeys });
        },
        routes(app, http) {
          platformLog = (entry) => app.log[entry.level]({ realm: entry.realm, to: entry.to, ...(entry.host === undefined ? {} : { host: entry.host }), ...(entry.code === undefined ? {} : { code: entry.code }) }, `sms: ${entry.message}`);
          for (const prefix of ['/am/json', '/json']) {
            registerDeviceRoutes(
              app,
              {
                devices,
                realms,
                userExists: async (type, id) => (await context.store.managedObjects.get(type, id)) !== undefined,
                sessions: context.sessions,
                cookieName: context.settings.cookieName,
                requireAdministrator: (request, realm) => http.requireAdministrator(request, realm),
              },
              prefix,
            );
          }
        },
      };
    },
  };
}

/** MFA with the platform's defaults. */
export const mfaCapability: PlatformCapability = createMfaCapability();
