/**
 * The `LegacySocialGateway` over the relying party: a legacy node's inline client becomes a plain
 * OAuth 2.0 provider configuration (`oauth2Config`: the node's endpoints and scope text, HTTP Basic
 * or body client authentication, PKCE S256, the profile from the node's user info endpoint), and
 * runs through the same `beginAuthorization`/`completeAuthorization` as every provider. The
 * node's client secret arrives sealed (as the journey stores it) and is opened with the master
 * key's sealer only to redeem the code. Failures are typed codes with a reason, written to the
 * operator's log; none carries a code, a token or a secret.
 */
import type { ManagedObjectRepository } from '../../identity/ports.ts';
import type { LegacyOAuthClient, LegacySignInOutcome, LegacySocialGateway } from '../../journeys/nodes/social/legacy-social-gateway.ts';
import { isSocialSignInError, socialSignInError, type SocialSignInFailure } from '../../journeys/nodes/social/social-gateway.ts';
import type { SocialProviderConfig } from '../../social/provider-config.ts';
import { type AuthorizationSecrets, beginAuthorization } from '../../social/rp/begin-authorization.ts';
import { completeAuthorization } from '../../social/rp/complete-authorization.ts';
import { isSocialRpError } from '../../social/rp/errors.ts';
import type { RelyingParty } from '../../social/rp/relying-party.ts';
import { isSecretsError } from '../../secrets/errors.ts';
import type { SecretSealer } from '../../secrets/secret-sealer.ts';

/** What the adapter is built from. */
export interface LegacySocialGatewayDeps {
  rp: RelyingParty;
  managedObjects: Pick<ManagedObjectRepository, 'query'>;
  /** Opens the nodes' sealed client secrets. */
  sealer: Pick<SecretSealer, 'open'>;
  log(failure: SocialSignInFailure): void;
}

/** The provider configuration the relying party runs for a legacy node's client (`clientSecret` opened, in memory only). */
export function legacyProviderConfig(client: LegacyOAuthClient, clientSecret?: string): SocialProviderConfig {
  const config: SocialProviderConfig = {
    name: client.provider || 'legacy',
    type: 'oauth2Config',
    enabled: true,
    clientId: client.clientId,
    authorizationEndpoint: client.authorizeEndpoint,
    tokenEndpoint: client.tokenEndpoint,
    userInfoEndpoint: client.userInfoEndpoint,
    issuerComparisonCheckType: 'EXACT',
    redirectURI: client.redirectURI,
    scopes: [client.scopeString],
    scopeDelimiter: ' ',
    acrValues: [],
    clientAuthenticationMethod: client.basicAuth ? 'CLIENT_SECRET_BASIC' : 'CLIENT_SECRET_POST',
    jwtSigningAlgorithm: 'NONE',
    jwtEncryptionAlgorithm: 'NONE',
    jwtEncryptionMethod: 'NONE',
    privateKeyJwtExpTime: 600,
    pkceMethod: 'S256',
    jwtRequestParameterOption: 'NONE',
    encryptJwtRequestParameter: false,
    encryptedIdTokens: false,
    userInfoResponseType: 'JSON',
    enableNativeNonce: false,
    responseMode: 'DEFAULT',
    authenticationIdKey: client.authenticationIdKey,
    uiConfig: {},
    passthrough: {},
  };
  if (clientSecret !== undefined && clientSecret !== '') config.clientSecret = clientSecret;
  return config;
}

function secretsOf(kept: Record<string, unknown>): AuthorizationSecrets | undefined {
  const { provider, state, codeVerifier, redirectUri } = kept;
  if (typeof provider !== 'string' || typeof state !== 'string' || typeof redirectUri !== 'string') return undefined;
  const secrets: AuthorizationSecrets = { provider, state, redirectUri };
  if (typeof codeVerifier === 'string') secrets.codeVerifier = codeVerifier;
  return secrets;
}

/** Makes the gateway. */
export function createLegacySocialGatewayAdapter(deps: LegacySocialGatewayDeps): LegacySocialGateway {
  const fail = (failure: SocialSignInFailure): LegacySignInOutcome => {
    deps.log(failure);
    return { ok: false, code: failure.code, reason: failure.reason };
  };
  return {
    async start(realm, client) {
      const provider = legacyProviderConfig(client);
      try {
        const begun = await beginAuthorization(deps.rp, { provider, realm });
        return { redirectUrl: begun.url, kept: { ...begun.secrets } };
      } catch (error) {
        if (!isSocialRpError(error)) throw error;
        deps.log({ realm, provider: provider.name, code: error.code, reason: error.message });
        throw socialSignInError(error.code, error.message);
      }
    },

    async finish(realm, client, answer, kept) {
      const secrets = secretsOf(kept);
      if (secrets === undefined) return fail({ realm, provider: legacyProviderConfig(client).name, code: 'STATE_MISSING', reason: 'the journey kept no sign-in secrets for this node' });
      let clientSecret: string | undefined;
      try {
        clientSecret = client.clientSecret === undefined ? undefined : deps.sealer.open(client.clientSecret.sealed, client.clientSecret.purpose);
      } catch (error) {
        if (!isSecretsError(error)) throw error;
        const reason = `the node's clientSecret cannot be opened (${error.code}): it is not sealed for this node with this master key; import the journey again with its clientSecret`;
        return fail({ realm, provider: legacyProviderConfig(client).name, code: 'CLIENT_SECRET_UNREADABLE', reason });
      }
      const provider = legacyProviderConfig(client, clientSecret);
      try {
        const result = await completeAuthorization(deps.rp, { provider, realm, callback: answer, secrets });
        return { ok: true, rawProfile: result.rawProfile };
      } catch (error) {
        if (isSocialRpError(error) || isSocialSignInError(error)) return fail({ realm, provider: provider.name, code: error.code, reason: error.message });
        throw error;
      }
    },

    async linkedAccount(identityResource, alias) {
      const type = identityResource.startsWith('managed/') ? identityResource.slice('managed/'.length) : identityResource;
      const found = await deps.managedObjects.query(type, { filter: { op: 'eq', field: ['aliasList'], value: alias }, sortKeys: [], pageSize: 2, countTotal: false });
      return found.items.length === 1 ? found.items[0]?.id : undefined;
    },

    reportFailure(failure) {
      deps.log({ ...failure });
    },
  };
}
