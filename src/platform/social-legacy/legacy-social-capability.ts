/**
 * AM's legacy social nodes as a platform capability: their node types and the
 * `LEGACY_SOCIAL` gateway they find, over a relying party of its own on the realms' RP keys (the
 * same code as the Social Identity Provider Service's; legacy clients need no request objects, so
 * its request-object store is the ephemeral one, never used) and the master key's sealer, which
 * opens the nodes' sealed client secrets. Failed sign-ins go to the platform's
 * log (`warn`) once the app exists, or to `options.log`.
 */
import { LEGACY_SOCIAL } from '../../journeys/nodes/social/legacy-social-gateway.ts';
import { legacySocialNodes } from '../../journeys/nodes/social/legacy-social-nodes.ts';
import type { SocialSignInFailure } from '../../journeys/nodes/social/social-gateway.ts';
import { createRelyingParty } from '../../social/rp/relying-party.ts';
import { ephemeralRequestObjectStore } from '../../social/rp/request-object-store.ts';
import type { RpHttpOptions } from '../../social/rp/rp-http.ts';
import type { CapabilityContext, InstalledCapability, PlatformCapability } from '../platform-capability.ts';
import { rpKeySourceOver } from '../rp-key-source-adapter.ts';
import { createLegacySocialGatewayAdapter } from './legacy-social-gateway-adapter.ts';

/** What a deployment (or a test) may change. */
export interface LegacySocialOptions {
  http?: Partial<RpHttpOptions>;
  log?: (failure: SocialSignInFailure) => void;
}

/** Registers the `LEGACY_SOCIAL` gateway in `context`; what it adds to the running platform. */
export function installLegacySocial(context: CapabilityContext, options: LegacySocialOptions = {}): InstalledCapability {
  const rp = createRelyingParty({
    keys: rpKeySourceOver(context.rpKeys),
    requestObjects: ephemeralRequestObjectStore(context.store.ephemeral),
    now: () => context.clock.now(),
    http: { outboundNetworks: context.settings.outboundNetworks, ...options.http },
  });
  let platformLog: (failure: SocialSignInFailure) => void = () => {};
  const log = options.log ?? ((failure: SocialSignInFailure) => platformLog(failure));
  context.registry.register(LEGACY_SOCIAL, createLegacySocialGatewayAdapter({ rp, managedObjects: context.store.managedObjects, sealer: context.sealer, log }));
  return {
    routes(app) {
      platformLog = (failure) => app.log.warn({ realm: failure.realm, provider: failure.provider, code: failure.code }, `legacy social sign-in failed: ${failure.reason}`);
    },
  };
}

/** The capability (its nodes and gateway), with `options`. */
export function createLegacySocialCapability(options: LegacySocialOptions = {}): PlatformCapability {
  return { name: 'legacy social', nodes: legacySocialNodes, install: (context) => installLegacySocial(context, options) };
}

/** The legacy social capability with the platform's defaults. */
export const legacySocialCapability: PlatformCapability = createLegacySocialCapability();
