/**
 * One realm's OpenID provider: an oidc-provider `Provider` with AM's issuer and paths
 * (am-oauth2-paths.ts), the realm's `op.sig` keys, its clients (AM's OAuth2Client configs), the
 * managed users as accounts, and no sign-in of its own: interactions go to Arbor's journeys
 * (interactions.ts) and its browser session mirrors Arbor's SSO session (session-binding.ts).
 * Authorization code (PKCE S256, required for public clients), refresh tokens (rotated at every
 * use; a rotated token used again revokes its whole grant), client credentials, device flow,
 * introspection, revocation, RP-initiated logout (which also ends Arbor's session), back-channel
 * logout (unless turned off) to the clients that registered it, from there and from Arbor's
 * logout (end-provider-sessions.ts). Scopes: the standard ones and the custom scopes of the
 * realm's clients (provider-scopes.ts); one a client is not registered with refuses the request
 * (`invalid_scope`, as AM); a request that names none (authorization, device authorization, client
 * credentials) is given the client's default scopes (AM's `defaultScopes`). Consent is implied for
 * clients that say so; the others are asked on Arbor's consent page (the interaction), whose answer
 * is remembered (consent-grant.ts); AM's native decision form grants what it allows
 * (decision-form.ts). The provider's own pages are Arbor's (provider-pages.ts). What it fetches
 * (clients' `jwks_uri`…) goes through Arbor's guarded fetch (provider-fetch.ts).
 */
import Provider, { type AdapterFactory, type Configuration, errors, type KoaContextWithOIDC } from 'oidc-provider';
import type { OAuth2ClientSource } from '../oauth2/oauth2-client-source.ts';
import { claimsOfUser, isActiveUser, SCOPE_CLAIMS } from './account-claims.ts';
import { AM_ROUTES } from './am-oauth2-paths.ts';
import type { ArborLogin, ArborLoginReader } from './arbor-login.ts';
import { rememberClientRecords, withClientSource, type ClientRecords } from './client-adapter.ts';
import { grantFromConsent } from './consent-grant.ts';
import { consentPolicy } from './consent-policy.ts';
import { formDecisionOf } from './decision-form.ts';
import { PROVIDER_FETCH_BODY_LIMITS, providerFetch } from './provider-fetch.ts';
import { logoutSource, postLogoutSuccessSource, renderError, successSource, userCodeConfirmSource, userCodeInputSource } from './provider-pages.ts';
import { defaultScopeOf, invalidScopeDescription, MAX_GRANTED_SCOPES, namesNoScope, STANDARD_SCOPES, unregisteredScopes } from './provider-scopes.ts';
import type { ProviderSigningKeys } from './provider-signing-keys.ts';
import { bindSessionToArbor } from './session-binding.ts';
import type { SessionLinks } from './session-links.ts';

/** What a realm's provider is built from. */
export interface RealmProviderDeps {
  realm: string;
  issuer: string;
  keys: ProviderSigningKeys;
  /** The `acr` values the provider publishes (journey names; `acr` is in ID tokens only when there is one). */
  acrValues: readonly string[];
  /** Storage of the provider's models (sessions, grants, codes, tokens…); `Client` is answered by `clients`. */
  storage: AdapterFactory;
  clients: OAuth2ClientSource;
  /** The scopes the provider grants (`knownScopes` of the realm's clients); the standard ones when absent. */
  knownScopes?: readonly string[];
  /** Told when a client is offered a custom scope the provider does not know: it should be built again. */
  onUnknownScope?: () => void;
  /** The attributes of the realm's user `id`, or undefined when there is none. */
  findUser(id: string): Promise<Record<string, unknown> | undefined>;
  readLogin: ArborLoginReader;
  /** Ends Arbor's SSO session (the provider's logout ends it too). */
  endArborSession(login: ArborLogin): Promise<void>;
  /** Where the browser goes for an interaction (Arbor's route; absolute or issuer-relative path). */
  interactionUrl(uid: string): string;
  /** Cookies marked `Secure` (https public URL). */
  secureCookies: boolean;
  backchannelLogout?: boolean;
  /** Where the provider sessions bound to each SSO session are listed (so that its end reaches them: end-provider-sessions.ts). */
  links?: SessionLinks;
  /**
   * How the provider fetches clients' URLs (`jwks_uri`, `sector_identifier_uri`, `backchannel_logout_uri`):
   * Arbor's guarded fetch, so that `ARBOR_OUTBOUND_NETWORKS` decides where it connects (provider-fetch.ts).
   */
  fetch: NonNullable<Configuration['fetch']>;
}

/** Default lifetimes (seconds) of what clients do not set. */
const SESSION_TTL = 14 * 24 * 3600;
/** How long a provider session lives at most (milliseconds). */
export const PROVIDER_SESSION_TTL_MS = SESSION_TTL * 1000;
const INTERACTION_TTL = 3600;
const GRANT_TTL = 365 * 24 * 3600;

function scopesOf(value: unknown): string[] {
  return typeof value === 'string' ? value.split(' ').filter((scope) => scope !== '').slice(0, MAX_GRANTED_SCOPES) : [];
}

function ownQueryValue(query: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(query, name) ? query[name] : undefined;
}

/**
 * AM's default scopes for an authorization request (its query; AM's native decision form is such a
 * GET by now) that names no scope: the query gets `scope` = the client's default scopes it is
 * offered, before the provider reads it, so that every check of a scope asked applies to them
 * (`openid`, `offline_access`, the consent). A request object (`request`, `request_uri`), an
 * unknown client or one without default scopes leaves the query as it is.
 */
async function withDefaultScopes(provider: Provider, records: ClientRecords, ctx: KoaContextWithOIDC): Promise<void> {
  const query: Record<string, unknown> = ctx.query;
  if (!namesNoScope(ownQueryValue(query, 'scope')) || ownQueryValue(query, 'request') !== undefined || ownQueryValue(query, 'request_uri') !== undefined) return;
  const clientId = ownQueryValue(query, 'client_id');
  if (typeof clientId !== 'string' || clientId.length === 0 || clientId.length > 256) return;
  const client = await provider.Client.find(clientId).catch(() => undefined);
  if (client === undefined) return;
  const scope = defaultScopeOf(records.get(clientId)?.defaultScopes, client.scope);
  if (scope === undefined) return;
  // The provider finds where it is mounted in the request's `originalUrl` (its URL behind Arbor's
  // prefix, oidc-routes.ts): it gets the new query too, or the provider's own links would lose the prefix.
  const before = ctx.request.url;
  const original: unknown = Reflect.get(ctx.req, 'originalUrl');
  ctx.query = { ...ctx.query, scope };
  const at = typeof original === 'string' ? original.indexOf(before) : -1;
  if (typeof original === 'string' && at >= 0) Reflect.set(ctx.req, 'originalUrl', `${original.slice(0, at)}${ctx.request.url}`);
}

/** Builds the provider. */
export function createRealmProvider(deps: RealmProviderDeps): Provider {
  const records: ClientRecords = new Map();
  const known = new Set([...STANDARD_SCOPES, ...(deps.knownScopes ?? [])]);
  const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, secure: deps.secureCookies };
  const lifetime = (clientId: string | undefined, pick: 'accessTokenLifetime' | 'refreshTokenLifetime' | 'authorizationCodeLifetime', fallback: number): number => {
    const value = clientId === undefined ? undefined : records.get(clientId)?.[pick];
    return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : fallback;
  };
  const configuration: Configuration = {
    adapter: withClientSource(deps.storage, deps.clients, deps.realm, records, { known, onUnknownScope: deps.onUnknownScope }),
    jwks: { keys: deps.keys.jwks.keys },
    cookies: {
      names: { session: `arbor_op_${deps.realm}`, interaction: `arbor_op_${deps.realm}_interaction`, resume: `arbor_op_${deps.realm}_resume` },
      keys: deps.keys.cookieKeys,
      long: cookieOptions,
      short: cookieOptions,
    },
    routes: AM_ROUTES,
    scopes: [...known],
    acrValues: [...deps.acrValues],
    claims: { ...SCOPE_CLAIMS, acr: null, auth_time: null, sid: null, iss: null },
    responseTypes: ['code'],
    pkce: { required: (_ctx, client) => client.clientAuthMethod === 'none' },
    // As AM: a client allowed the refresh_token grant gets refresh tokens (no `offline_access` needed).
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // Every use rotates; oidc-provider revokes the whole grant when a rotated (consumed) token comes again.
    rotateRefreshToken: true,
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: false },
      // Public clients introspect their own tokens only; confidential clients (resource servers) any.
      introspection: { enabled: true, allowedPolicy: async (ctx, client, token) => client.clientAuthMethod !== 'none' || token.clientId === ctx.oidc.client?.clientId },
      revocation: { enabled: true },
      clientCredentials: { enabled: true },
      // No resource indicators are offered (`resource` is invalid_target). `defaultResource` runs on every
      // authorization, device and client credentials request before the provider drops the scopes it does
      // not know: there, as AM does, a scope the client is not registered with refuses the request.
      resourceIndicators: {
        enabled: true,
        defaultResource: async (ctx, client, oneOf) => {
          if (oneOf !== undefined) return oneOf;
          const params = ctx.oidc.params;
          const record = records.get(client.clientId);
          const unknown = unregisteredScopes(params?.scope, record?.metadata.scope ?? client.scope);
          if (unknown.length > 0) throw new errors.InvalidScope(invalidScopeDescription(unknown), unknown.join(' '));
          // AM's default scopes for a client credentials or device authorization request that names none
          // (an authorization got them before the provider read it: `withDefaultScopes`). The provider then
          // keeps those it knows, as for a scope asked.
          const route = ctx.oidc.route;
          if (params !== undefined && namesNoScope(params.scope) && (route === 'device_authorization' || (route === 'token' && params.grant_type === 'client_credentials'))) {
            const scope = defaultScopeOf(record?.defaultScopes, client.scope);
            if (scope !== undefined) params.scope = scope;
          }
          return undefined;
        },
      },
      deviceFlow: { enabled: true, userCodeInputSource, userCodeConfirmSource, successSource },
      backchannelLogout: { enabled: deps.backchannelLogout === true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource,
        postLogoutSuccessSource,
      },
    },
    interactions: {
      url: (_ctx, interaction) => deps.interactionUrl(interaction.uid),
      policy: consentPolicy((ctx) => formDecisionOf(ctx.req) === 'allow' || (ctx.oidc.client !== undefined && records.get(ctx.oidc.client.clientId)?.impliedConsent === true)),
    },
    async findAccount(_ctx, sub) {
      if (sub.length === 0 || sub.length > 256) return undefined;
      const data = await deps.findUser(sub);
      if (data === undefined || !isActiveUser(data)) return undefined;
      const claims = claimsOfUser(sub, data);
      return { accountId: sub, claims: async () => claims };
    },
    async loadExistingGrant(ctx) {
      const { client, session } = ctx.oidc;
      if (client === undefined || session?.accountId === undefined) return undefined;
      // AM's decision form (decision-form.ts): refused or denied → access_denied; allowed → the scopes asked.
      const decision = formDecisionOf(ctx.req);
      if (decision === 'refused') throw new errors.AccessDenied('the decision form’s csrf is not the session’s token');
      if (decision === 'deny') throw new errors.AccessDenied('the user denied access');
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      const existing = grantId === undefined ? undefined : await ctx.oidc.provider.Grant.find(grantId);
      const usable = existing !== undefined && existing.accountId === session.accountId && existing.clientId === client.clientId ? existing : undefined;
      if (records.get(client.clientId)?.impliedConsent !== true && decision !== 'allow') {
        // Consent remembered from the consent page (consent-grant.ts) covers what it covers; the rest is asked.
        const request = { accountId: session.accountId, clientId: client.clientId, scopes: ctx.oidc.requestParamOIDCScopes, claims: ctx.oidc.requestParamClaims };
        return grantFromConsent(ctx.oidc.provider, request, usable);
      }
      // Implied consent: the scopes asked (the provider has checked them against the client's) are granted.
      const grant = usable ?? new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      const scopes = scopesOf(ctx.oidc.params?.scope);
      if (scopes.length > 0) grant.addOIDCScope(scopes.join(' '));
      await grant.save();
      session.grantIdFor(client.clientId, grant.jti);
      return grant;
    },
    ttl: {
      AccessToken: (_ctx, _token, client) => lifetime(client.clientId, 'accessTokenLifetime', 3600),
      ClientCredentials: (_ctx, _token, client) => lifetime(client.clientId, 'accessTokenLifetime', 3600),
      AuthorizationCode: (_ctx, _token, client) => lifetime(client.clientId, 'authorizationCodeLifetime', 120),
      RefreshToken: (_ctx, _token, client) => lifetime(client.clientId, 'refreshTokenLifetime', 604800),
      IdToken: (_ctx, _token, client) => lifetime(client.clientId, 'accessTokenLifetime', 3600),
      DeviceCode: 600,
      Interaction: INTERACTION_TTL,
      Session: SESSION_TTL,
      Grant: GRANT_TTL,
    },
    clientBasedCORS(_ctx, origin, client) {
      if (origin === 'null') return false;
      const registered = [...(client.redirectUris ?? []), ...(client.postLogoutRedirectUris ?? [])];
      return registered.some((uri) => URL.parse(uri)?.origin === origin);
    },
    renderError,
    fetch: providerFetch(deps.fetch),
    fetchResponseBodyLimits: { ...PROVIDER_FETCH_BODY_LIMITS },
  };
  const provider = new Provider(deps.issuer, configuration);
  // Discovery lists the standard scopes, not the clients' custom ones.
  const published = [...STANDARD_SCOPES];
  // Every ID token carries the session's `sid` (oidc-provider adds it only for clients with back-channel
  // logout and `backchannel_logout_session_required`): a relying party, the account page included,
  // can tie what it holds to the session a logout token names.
  Reflect.defineProperty(provider.Client.prototype, 'includeSid', { value: () => true, configurable: true, writable: true });
  rememberClientRecords(provider, records);
  // An authorization that names no scope is given the client's default scopes, as if it had asked them.
  provider.use(async (ctx: KoaContextWithOIDC, next) => {
    if (ctx.method === 'GET' && ctx.path === AM_ROUTES.authorization) await withDefaultScopes(provider, records, ctx);
    await next();
  });
  const links = deps.links;
  bindSessionToArbor(provider, deps.realm, deps.readLogin, links === undefined ? undefined : (login, uid) => links.link(login.sessionHandle, uid));
  // Signing out at the provider ends Arbor's SSO session as well.
  provider.use(async (ctx: KoaContextWithOIDC, next) => {
    await next();
    if (ctx.oidc?.route === 'discovery' && typeof ctx.body === 'object' && ctx.body !== null) Reflect.set(ctx.body, 'scopes_supported', published);
    // AM answers its native decision form with a 302 (oidc-provider redirects with a 303).
    if (ctx.status === 303 && formDecisionOf(ctx.req) !== undefined) ctx.status = 302;
    if (ctx.oidc?.route === 'end_session_confirm' && ctx.oidc.session !== undefined && Reflect.get(ctx.oidc.session, 'destroyed') === true) {
      const login = await deps.readLogin(ctx.req);
      if (login !== undefined) await deps.endArborSession(login);
    }
  });
  return provider;
}
