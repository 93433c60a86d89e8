/**
 * Social sign-in as a platform capability: the Social Identity Provider Service of each realm
 * (its REST routes, administrators only), the relying party over the realms' RP keys (request
 * objects by reference on the ephemeral store, served at the realm's `request_uri`), the FORM_POST
 * receivers, and the `SocialGateway` the Select Identity Provider and Social Provider Handler nodes
 * find under `SOCIAL`, and the default journeys `SocialLogin` and `SocialRegistration` of every
 * realm (`install-social-journeys.ts`). A failed sign-in is written to the platform's log (`warn`, with the realm,
 * the provider, a stable code and the reason), or to `options.log`.
 */
import { registerSocialIdentityProvidersRoutes } from '../../http/am/social-identity-providers-routes.ts';
import { anyNode } from '../../journeys/nodes/registry.ts';
import { SOCIAL } from '../../journeys/nodes/social/social-gateway.ts';
import { selectIdPNode } from '../../journeys/nodes/social/select-idp-node.ts';
import { socialProviderHandlerNode, socialProviderHandlerNodeV2 } from '../../journeys/nodes/social/social-provider-handler-node.ts';
import { createSocialProviderService } from '../../social/providers/social-provider-service.ts';
import { createRelyingParty } from '../../social/rp/relying-party.ts';
import { ephemeralRequestObjectStore } from '../../social/rp/request-object-store.ts';
import type { RpHttpOptions } from '../../social/rp/rp-http.ts';
import type { PlatformCapability } from '../platform-capability.ts';
import { rpKeySourceOver } from '../rp-key-source-adapter.ts';
import { cachedProviderList } from './cached-provider-list.ts';
import { createFormPostEntries } from './form-post-entries.ts';
import { installSocialJourneys } from './install-social-journeys.ts';
import { createSocialGatewayAdapter, type SocialFailureLog } from './social-gateway-adapter.ts';
import { registerSocialRoutes } from './social-routes.ts';

/** What a deployment (or a test) may change. */
export interface SocialCapabilityOptions {
  /** How the relying party reaches providers (timeouts, answer size, extra trusted CAs; the addresses allowed, `ARBOR_OUTBOUND_NETWORKS` unless given). */
  http?: Partial<RpHttpOptions>;
  /** Where failed sign-ins are written; the platform's log (`warn`) when absent. */
  log?: SocialFailureLog;
}

/** The realm's OAuth2 base URL under `publicUrl`, as AM writes it (kept verbatim: an explicit `:443` stays). */
export function realmOAuth2BaseUrl(publicUrl: string, realm: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/am/oauth2/realms/root${realm === 'root' ? '' : `/realms/${realm}`}`;
}

/** Makes the capability. */
export function createSocialCapability(options: SocialCapabilityOptions = {}): PlatformCapability {
  return {
    name: 'social',
    nodes: [anyNode(selectIdPNode), anyNode(socialProviderHandlerNode), anyNode(socialProviderHandlerNodeV2)],
    async install(context) {
      await installSocialJourneys(context.store);
      const outboundNetworks = context.settings.outboundNetworks;
      const providers = createSocialProviderService({ configs: context.storedConfigs, sealer: context.sealer, fetch: context.fetch, outboundNetworks });
      const requestObjects = ephemeralRequestObjectStore(context.store.ephemeral);
      const rp = createRelyingParty({ keys: rpKeySourceOver(context.rpKeys), requestObjects, now: () => context.clock.now(), http: { outboundNetworks, ...options.http } });
      const formPosts = createFormPostEntries(context.store.ephemeral, context.sealer);
      // Until the app (and its log) exists, failures are kept silent; `routes` binds the log.
      let platformLog: SocialFailureLog = () => {};
      const log: SocialFailureLog = options.log ?? ((failure) => platformLog(failure));
      context.registry.register(
        SOCIAL,
        cachedProviderList(createSocialGatewayAdapter({
          providers,
          rp,
          formPosts,
          managedObjects: context.store.managedObjects,
          realmOAuth2BaseUrl: (realm) => realmOAuth2BaseUrl(context.settings.publicUrl, realm),
          log,
        }), { clock: context.clock, invalidation: context.cacheInvalidation }),
      );
      return {
        async realmCreated(realm) {
          await installSocialJourneys({ realms: { list: async () => [realm] }, journeys: context.store.journeys });
        },
        async routes(app, http) {
          platformLog = (failure) => app.log.warn({ realm: failure.realm, provider: failure.provider, code: failure.code }, `social sign-in failed: ${failure.reason}`);
          for (const prefix of ['/am/json', '/json']) {
            registerSocialIdentityProvidersRoutes(app, { providers, realms: context.store.realms, requireAdministrator: http.requireAdministrator }, prefix);
          }
          await registerSocialRoutes(app, { settings: context.settings, realms: context.store.realms, providers, requestObjects, formPosts });
        },
      };
    },
  };
}

/** Social sign-in with the platform's defaults. */
export const socialCapability: PlatformCapability = createSocialCapability();
