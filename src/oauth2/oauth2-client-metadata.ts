/**
 * The provider's view of a client: Arbor's model turned into `oidc-provider`'s client metadata
 * (`client_id`, `client_secret` opened, `redirect_uris`, `grant_types`, `response_types`,
 * `token_endpoint_auth_method`, `jwks_uri`/`jwks`, `scope`: the names of its scope entries…) with
 * the settings Arbor applies itself (implied consent, token lifetimes, 0 meaning the realm's
 * default, default scopes, the scopes' display texts for the consent page), and
 * `createOAuth2ClientSource`, the `OAuth2ClientSource` over the clients' store. Inactive clients,
 * and clients whose stored document can no longer be used (reported through `onProblem`), are
 * not found: the provider answers `invalid_client`, never an error of its own.
 */
import type { ClientMetadata } from 'oidc-provider';
import { type OAuth2Client, scopeName } from './oauth2-client.ts';
import type { OAuth2ClientRecord, OAuth2ClientSource } from './oauth2-client-source.ts';
import { isOAuth2ClientError } from './oauth2-client-errors.ts';
import type { OAuth2ClientStore } from './oauth2-client-store.ts';
import { clientIdProblem } from './read-oauth2-client.ts';
import { scopeTextsOf } from './scope-entry.ts';

/** Token lifetimes in seconds. */
export interface TokenLifetimes {
  accessTokenLifetime: number;
  refreshTokenLifetime: number;
  authorizationCodeLifetime: number;
}

/** AM's defaults: an hour, a week, two minutes. */
export const AM_DEFAULT_LIFETIMES: Readonly<TokenLifetimes> = Object.freeze({ accessTokenLifetime: 3600, refreshTokenLifetime: 604_800, authorizationCodeLifetime: 120 });

/** oidc-provider's metadata of `client` (with `secret`, the opened secret, when it has one). */
export function clientMetadata(client: OAuth2Client, secret?: string): ClientMetadata {
  const custom = [...client.redirectionUris, ...client.postLogoutRedirectUri].some((uri) => !/^https?:/i.test(uri));
  const metadata: ClientMetadata = {
    client_id: client.clientId,
    application_type: custom ? 'native' : 'web',
    redirect_uris: [...client.redirectionUris],
    post_logout_redirect_uris: [...client.postLogoutRedirectUri],
    grant_types: [...client.grantTypes],
    response_types: client.grantTypes.includes('authorization_code') ? ['code'] : [],
    token_endpoint_auth_method: client.tokenEndpointAuthMethod,
    id_token_signed_response_alg: client.idTokenSignedResponseAlg as ClientMetadata['id_token_signed_response_alg'],
    scope: [...new Set(client.scopes.map(scopeName))].join(' '),
  };
  if (client.clientType === 'Confidential' && secret !== undefined) metadata.client_secret = secret;
  const name = client.clientName[0];
  if (name !== undefined) metadata.client_name = name;
  if (client.tokenEndpointAuthMethod === 'private_key_jwt') {
    metadata.token_endpoint_auth_signing_alg = client.tokenEndpointAuthSigningAlgorithm as ClientMetadata['token_endpoint_auth_signing_alg'];
    if (client.publicKeyLocation === 'jwks' && client.jwkSet !== undefined) metadata.jwks = structuredClone(client.jwkSet) as ClientMetadata['jwks'];
    else if (client.jwksUri !== undefined) metadata.jwks_uri = client.jwksUri;
  }
  if (client.backchannelLogoutUri !== undefined) {
    metadata.backchannel_logout_uri = client.backchannelLogoutUri;
    metadata.backchannel_logout_session_required = client.backchannelLogoutSessionRequired;
  }
  if (client.defaultMaxAgeEnabled) metadata.default_max_age = client.defaultMaxAge;
  return metadata;
}

/**
 * The record the provider uses: metadata, implied consent, lifetimes (the realm's where the client
 * says 0), the default scopes by name, the display texts of its scope entries.
 */
export function clientRecord(client: OAuth2Client, secret: string | undefined, defaults: TokenLifetimes): OAuth2ClientRecord {
  return {
    metadata: clientMetadata(client, secret),
    impliedConsent: client.isConsentImplied,
    accessTokenLifetime: client.accessTokenLifetime || defaults.accessTokenLifetime,
    refreshTokenLifetime: client.refreshTokenLifetime || defaults.refreshTokenLifetime,
    authorizationCodeLifetime: client.authorizationCodeLifetime || defaults.authorizationCodeLifetime,
    defaultScopes: [...new Set(client.defaultScopes.map(scopeName))],
    scopeTexts: scopeTextsOf([...client.scopes, ...client.defaultScopes]),
  };
}

/** What the source is built from. */
export interface OAuth2ClientSourceDeps {
  clients: Pick<OAuth2ClientStore, 'clientWithSecret'>;
  /** The realm's default lifetimes; AM's defaults when absent. */
  realmLifetimes?: (realm: string) => TokenLifetimes | Promise<TokenLifetimes>;
  /** Told when a stored client cannot be used (bad document, secret that does not open); never given the secret. */
  onProblem?: (realm: string, clientId: string, message: string) => void;
}

/** The `OAuth2ClientSource` over the realms' stored clients. */
export function createOAuth2ClientSource(deps: OAuth2ClientSourceDeps): OAuth2ClientSource {
  return {
    async clientOf(realm, clientId) {
      if (typeof clientId !== 'string' || clientIdProblem(clientId) !== undefined) return undefined;
      let found: Awaited<ReturnType<OAuth2ClientStore['clientWithSecret']>>;
      try {
        found = await deps.clients.clientWithSecret(realm, clientId);
      } catch (error) {
        if (!isOAuth2ClientError(error)) throw error;
        deps.onProblem?.(realm, clientId, error.message);
        return undefined;
      }
      if (found === undefined || found.client.status !== 'Active') return undefined;
      const defaults = (await deps.realmLifetimes?.(realm)) ?? AM_DEFAULT_LIFETIMES;
      return clientRecord(found.client, found.secret, defaults);
    },
  };
}
