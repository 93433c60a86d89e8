/**
 * The first half of a social sign-in: where to send the browser, and the secrets the journey keeps
 * (in its encrypted state) to check the provider's answer: `state`, `nonce`, the PKCE verifier.
 */
import { randomBytes } from 'node:crypto';
import { calculatePKCECodeChallenge, randomNonce, randomPKCECodeVerifier, randomState } from 'openid-client';
import type { SocialProviderConfig } from '../provider-config.ts';
import { socialRpError } from './errors.ts';
import { isOpenIdProvider } from './is-open-id-provider.ts';
import type { RelyingParty } from './relying-party.ts';
import { buildRequestObject } from './request-object.ts';
import { requestUriFor } from './request-uri.ts';

/** What `beginAuthorization` needs. */
export interface BeginAuthorizationInput {
  provider: SocialProviderConfig;
  realm: string;
  /**
   * The realm's OAuth2 base URL as the provider must see it (e.g.
   * `https://id.example.com:443/am/oauth2/realms/root/realms/alpha`); needed for REFERENCE. Kept
   * verbatim: an explicit `:443` stays.
   */
  realmOAuth2BaseUrl?: string;
  /** Overrides the provider's `redirectURI` (e.g. a per-realm form_post URL). */
  redirectUri?: string;
}

/** The secrets a journey keeps until the provider answers; never shown to the user, never logged. */
export interface AuthorizationSecrets {
  /** The provider instance these belong to. */
  provider: string;
  state: string;
  nonce?: string;
  codeVerifier?: string;
  redirectUri: string;
  /** The acr values asked (the ID token's `acr` must be one of them). */
  acrValues?: string[];
}

/** Where to send the browser (GET) and what to keep. */
export interface AuthorizationStart {
  url: string;
  secrets: AuthorizationSecrets;
}

/** Builds the authorization request for `provider`. */
export async function beginAuthorization(rp: RelyingParty, input: BeginAuthorizationInput): Promise<AuthorizationStart> {
  const { provider, realm } = input;
  const redirectUri = input.redirectUri ?? provider.redirectURI;
  const state = randomState();
  const openId = isOpenIdProvider(provider);
  const nonce = openId ? (provider.enableNativeNonce ? nativeNonce() : randomNonce()) : undefined;
  const parameters: Record<string, string> = {
    response_type: 'code',
    client_id: provider.clientId,
    redirect_uri: redirectUri,
    scope: provider.scopes.join(provider.scopeDelimiter || ' '),
    state,
  };
  if (nonce !== undefined) parameters.nonce = nonce;
  let codeVerifier: string | undefined;
  if (provider.pkceMethod !== 'NONE') {
    codeVerifier = randomPKCECodeVerifier();
    parameters.code_challenge = provider.pkceMethod === 'S256' ? await calculatePKCECodeChallenge(codeVerifier) : codeVerifier;
    parameters.code_challenge_method = provider.pkceMethod === 'S256' ? 'S256' : 'plain';
  }
  if (provider.acrValues.length > 0) parameters.acr_values = provider.acrValues.join(' ');
  if (provider.claims) {
    try {
      JSON.parse(provider.claims);
    } catch {
      throw socialRpError('CONFIGURATION_INVALID', `provider ${provider.name}: claims is not JSON`);
    }
    parameters.claims = provider.claims;
  }
  if (provider.responseMode === 'FORM_POST') parameters.response_mode = 'form_post';

  const url = new URL(provider.authorizationEndpoint);
  const option = provider.jwtRequestParameterOption;
  if (option === 'NONE') {
    for (const [name, value] of Object.entries(parameters)) url.searchParams.append(name, value);
  } else {
    const requestObject = await buildRequestObject(rp, provider, realm, parameters);
    // The OIDC-required parameters stay in the query too; everything else travels in the request object.
    url.searchParams.append('client_id', provider.clientId);
    url.searchParams.append('response_type', 'code');
    url.searchParams.append('scope', parameters.scope ?? '');
    if (option === 'VALUE') {
      url.searchParams.append('request', requestObject);
    } else {
      if (!input.realmOAuth2BaseUrl) throw socialRpError('CONFIGURATION_INVALID', 'request objects by reference need the realm OAuth2 base URL');
      const id = await rp.requestObjects.put(requestObject);
      url.searchParams.append('request_uri', requestUriFor(input.realmOAuth2BaseUrl, id));
    }
  }
  const secrets: AuthorizationSecrets = { provider: provider.name, state, redirectUri };
  if (nonce !== undefined) secrets.nonce = nonce;
  if (codeVerifier !== undefined) secrets.codeVerifier = codeVerifier;
  if (provider.acrValues.length > 0) secrets.acrValues = [...provider.acrValues];
  return { url: url.href, secrets };
}

/** AM's native nonce: 160 random bits written in base 36. */
function nativeNonce(): string {
  return BigInt(`0x${randomBytes(20).toString('hex')}`).toString(36);
}
