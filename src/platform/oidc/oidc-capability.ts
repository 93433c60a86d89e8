/**
 * The OpenID provider for applications as a platform capability (docs/oidc-provider.md): one
 * oidc-provider per realm, built on first use (realm-providers.ts), at AM's paths
 * (oidc-routes.ts), signing with the realm's `op.sig` keys, storing on Arbor's store
 * (oidc/oidc-adapter.ts), its clients AM's OAuth2Client configs (oauth2/), sign-in through
 * Arbor's journeys and sessions. A provider grants the custom scopes of its realm's clients as
 * they were when it was built: a written client has it built again (provider-invalidation.ts).
 * Every realm has the account page's built-in client (oidc/account-client.ts), and the page finds
 * the sealer of its sign-in cookies under `ACCOUNT_SIGN_IN`. When an Arbor session ends (logout),
 * the provider sessions bound to it end, and the clients of those sessions with back-channel
 * logout get a logout token and lose that session's grant (oidc/end-provider-sessions.ts). Also
 * registers AM's OAuth2Client administration routes. The providers fetch clients' URLs (`jwks_uri`…)
 * with the platform's guarded fetch (`ARBOR_OUTBOUND_NETWORKS`). It owns no connection: there is
 * nothing to close.
 */
import type { AdapterFactory, Configuration } from 'oidc-provider';
import { registerOAuth2ClientRoutes } from '../../http/am/oauth2-client-routes.ts';
import { scopeName } from '../../oauth2/oauth2-client.ts';
import { createOAuth2ClientSource } from '../../oauth2/oauth2-client-metadata.ts';
import type { OAuth2ClientSource } from '../../oauth2/oauth2-client-source.ts';
import { createOAuth2ClientStore } from '../../oauth2/oauth2-client-store.ts';
import { issuerOf, oauth2BasePath } from '../../oidc/am-oauth2-paths.ts';
import { createRealmProvider, PROVIDER_SESSION_TTL_MS } from '../../oidc/create-realm-provider.ts';
import { withAccountClient } from '../../oidc/account-client.ts';
import { type ClientLogoutReport, endProviderSessions } from '../../oidc/end-provider-sessions.ts';
import { createOidcAdapterFactory } from '../../oidc/oidc-adapter.ts';
import { sessionLinks, type SessionLinks } from '../../oidc/session-links.ts';
import { ACCOUNT_SIGN_IN } from '../../pages/account/account-sign-in-cookies.ts';
import { knownScopes } from '../../oidc/provider-scopes.ts';
import { providerSigningKeys } from '../../oidc/provider-signing-keys.ts';
import { cachedRealms } from '../cached-realms.ts';
import type { CapabilityContext, PlatformCapability } from '../platform-capability.ts';
import { arborLoginReader } from './arbor-login-reader.ts';
import { acrJourneysOf, oauth2SettingsId } from './oauth2-provider-settings.ts';
import { registerOidcRoutes } from './oidc-routes.ts';
import { providerInvalidation } from './provider-invalidation.ts';
import { realmProviders } from './realm-providers.ts';

/** What a deployment (or a test) may change. */
export interface OidcCapabilityOptions {
  /** Where clients are found; the realms' OAuth2Client configs unless given. */
  clients?: OAuth2ClientSource;
  /** The provider's storage of a realm; Arbor's store (`createOidcAdapterFactory`) unless given. */
  storage?: (realm: string, context: CapabilityContext) => AdapterFactory;
  /** How the providers fetch (clients' `jwks_uri`…); the platform's guarded fetch (`ARBOR_OUTBOUND_NETWORKS`) unless given (tests only). */
  providerFetch?: Configuration['fetch'];
  /** Back-channel logout to clients that register a `backchannel_logout_uri` (on unless turned off). */
  backchannelLogout?: boolean;
  /** Told of each client an Arbor logout reached (a failed delivery included); nothing by default. */
  onClientLogout?: ClientLogoutReport;
}

/** Makes the capability. */
export function createOidcCapability(options: OidcCapabilityOptions = {}): PlatformCapability {
  return {
    name: 'oidc',
    nodes: [],
    install(context) {
      const { settings, store, clock } = context;
      const clientStore = createOAuth2ClientStore({ configs: context.storedConfigs, sealer: context.sealer });
      const clients = withAccountClient(options.clients ?? createOAuth2ClientSource({ clients: clientStore }), settings.publicUrl);
      const backchannelLogout = options.backchannelLogout ?? true;
      const links = new Map<string, SessionLinks>();
      const linksOf = (realm: string): SessionLinks => {
        let found = links.get(realm);
        if (found === undefined) {
          found = sessionLinks(store.ephemeral, realm, PROVIDER_SESSION_TTL_MS);
          links.set(realm, found);
        }
        return found;
      };
      context.registry.register(ACCOUNT_SIGN_IN, {
        seal: (plaintext, purpose) => context.sealer.seal(plaintext, `account page ${purpose}`),
        open: (sealed, purpose) => {
          try {
            return context.sealer.open(sealed, `account page ${purpose}`);
          } catch {
            return undefined;
          }
        },
      });
      const realms = cachedRealms(store.realms, clock, context.cacheInvalidation);
      const readLogin = arborLoginReader(context.sessions, settings.cookieName);
      const drops = providerInvalidation(context.cacheInvalidation, clock);
      const storageOf = options.storage ?? ((realm: string) => createOidcAdapterFactory({ realm, ephemeral: store.ephemeral, records: store.oidcRecords, clients, clock }));
      const providers = realmProviders(
        async (realm) => {
          const keys = await providerSigningKeys(context.rpKeys, realm, clock);
          const realmConfig = await realms.get(realm);
          const userType = realmConfig?.userType;
          const acrJourneys = acrJourneysOf(await store.configs.get(oauth2SettingsId(realm)));
          const acrValues = [...new Set([...Object.keys(acrJourneys), ...(realmConfig === undefined ? [] : [realmConfig.journeys.defaultTree])])];
          const registered = (await clientStore.clients(realm)).map((client) => client.scopes.map(scopeName));
          const provider = createRealmProvider({
            realm,
            issuer: issuerOf(settings.publicUrl, realm),
            keys,
            acrValues,
            storage: storageOf(realm, context),
            clients,
            knownScopes: knownScopes(registered),
            onUnknownScope: () => drops.unknownScope(realm),
            findUser: async (id) => (userType === undefined ? undefined : (await store.managedObjects.get(userType, id))?.data),
            readLogin,
            endArborSession: async (login) => void (await context.sessions.logout(login.token)),
            interactionUrl: (uid) => `${oauth2BasePath(realm)}/interaction/${uid}`,
            secureCookies: settings.secureCookie,
            backchannelLogout,
            links: linksOf(realm),
            fetch: options.providerFetch ?? context.fetch,
          });
          provider.proxy = settings.trustProxy;
          return { provider, keysVersion: keys.version };
        },
        context.rpKeys,
        drops.invalidation,
      );
      // An Arbor logout ends the provider sessions bound to that SSO session (back-channel logout, grants revoked).
      context.sessions.onEnded(async (ended) => {
        const uids = await linksOf(ended.realm).take(ended.handle);
        if (uids.length === 0 || (await realms.get(ended.realm)) === undefined) return;
        const provider = await providers.providerOf(ended.realm);
        await endProviderSessions(provider, uids, ended.userId, options.onClientLogout);
      });
      return {
        async routes(app, http) {
          await registerOidcRoutes(app, {
            realms,
            providers,
            readLogin,
            acrJourneys: async (realm) => acrJourneysOf(await store.configs.get(oauth2SettingsId(realm))),
          });
          for (const prefix of ['/am/json', '/json']) {
            registerOAuth2ClientRoutes(app, { clients: clientStore, realms, requireAdministrator: (request, realm) => http.requireAdministrator(request, realm) }, prefix);
          }
        },
      };
    },
  };
}

/** The OpenID provider with the platform's defaults. */
export const oidcCapability: PlatformCapability = createOidcCapability();
