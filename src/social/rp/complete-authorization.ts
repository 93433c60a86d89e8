/**
 * The second half of a social sign-in: the provider's answer (query or form_post fields) checked
 * against the journey's secrets, the code redeemed, the ID token validated and the profile fetched.
 * A `state` that does not match ends it before anything is sent to the provider.
 */
import { timingSafeEqual } from 'node:crypto';
import type { SocialProviderConfig } from '../provider-config.ts';
import type { AuthorizationSecrets } from './begin-authorization.ts';
import { socialRpError } from './errors.ts';
import { validateIdToken } from './id-token.ts';
import { isOpenIdProvider } from './is-open-id-provider.ts';
import { issuerMatches } from './issuer-matches.ts';
import { fetchOAuth2Profile } from './oauth2-profile.ts';
import { printable } from './printable.ts';
import type { RelyingParty } from './relying-party.ts';
import { redeemCode } from './token-request.ts';
import { fetchUserInfo } from './userinfo.ts';

/** The provider's answer as it reached the redirect URI (query) or the form_post endpoint (body). */
export interface AuthorizationCallback {
  code?: string | undefined;
  state?: string | undefined;
  error?: string | undefined;
  error_description?: string | undefined;
  iss?: string | undefined;
}

/** What `completeAuthorization` needs. */
export interface CompleteAuthorizationInput {
  provider: SocialProviderConfig;
  realm: string;
  callback: AuthorizationCallback;
  secrets: AuthorizationSecrets;
}

/** A signed-in user at the provider. Tokens are for the journey's use only: never log them. */
export interface AuthorizationResult {
  /** The profile to normalize: userinfo (OIDC), the ID token's claims when there is no userinfo endpoint, or the OAuth 2.0 profile. */
  rawProfile: Record<string, unknown>;
  /** The validated ID token claims (OpenID providers). */
  idTokenClaims?: Record<string, unknown>;
  accessToken: string;
  tokenType: string;
  expiresIn?: number;
  scope?: string;
  idToken?: string;
}

/** Checks the answer, redeems the code, validates and fetches the profile. */
export async function completeAuthorization(rp: RelyingParty, input: CompleteAuthorizationInput): Promise<AuthorizationResult> {
  const { provider, realm, callback, secrets } = input;
  if (secrets.provider !== provider.name) throw socialRpError('STATE_MISMATCH', `the journey started a sign-in with ${secrets.provider}, not ${provider.name}`);
  if (typeof callback.state !== 'string' || !sameText(callback.state, secrets.state)) {
    throw socialRpError('STATE_MISMATCH', callback.state === undefined ? 'the provider answer has no state' : 'the provider answer carries another state than the one sent');
  }
  const openId = isOpenIdProvider(provider);
  if (openId && callback.iss !== undefined && !issuerMatches(provider, callback.iss)) {
    throw socialRpError('ISSUER_MISMATCH', `the authorization response comes from issuer ${printable(callback.iss)}, not ${provider.issuer}`);
  }
  if (callback.error !== undefined) {
    const description = callback.error_description === undefined ? '' : `: ${printable(callback.error_description)}`;
    if (callback.error === 'access_denied') throw socialRpError('ACCESS_DENIED', `the user denied access at ${provider.name}${description}`);
    throw socialRpError('AUTHORIZATION_ERROR', `${provider.name} answered the authorization request with ${printable(callback.error)}${description}`);
  }
  if (typeof callback.code !== 'string' || callback.code === '') throw socialRpError('MISSING_CODE', `the answer of ${provider.name} has neither a code nor an error`);

  const tokens = await redeemCode(rp, provider, realm, { code: callback.code, redirectUri: secrets.redirectUri, codeVerifier: secrets.codeVerifier });
  const result: AuthorizationResult = { rawProfile: {}, accessToken: tokens.accessToken, tokenType: tokens.tokenType };
  if (tokens.expiresIn !== undefined) result.expiresIn = tokens.expiresIn;
  if (tokens.scope !== undefined) result.scope = tokens.scope;
  if (!openId) {
    result.rawProfile = await fetchOAuth2Profile(rp, provider, tokens.accessToken);
    return result;
  }
  if (tokens.idToken === undefined) throw socialRpError('BAD_TOKEN_RESPONSE', `the token response of ${provider.name} has no id_token`);
  const idTokenClaims = await validateIdToken(rp, provider, realm, tokens.idToken, { nonce: secrets.nonce, acrValues: secrets.acrValues });
  result.idToken = tokens.idToken;
  result.idTokenClaims = idTokenClaims;
  const userInfoEndpoint = await userInfoEndpointOf(rp, provider);
  result.rawProfile =
    userInfoEndpoint === undefined
      ? { ...idTokenClaims }
      : await fetchUserInfo(rp, provider, realm, userInfoEndpoint, tokens.accessToken, String(idTokenClaims.sub));
  return result;
}

async function userInfoEndpointOf(rp: RelyingParty, provider: SocialProviderConfig): Promise<string | undefined> {
  if (provider.userInfoEndpoint) return provider.userInfoEndpoint;
  if (!provider.wellKnownEndpoint) return undefined;
  const discovered = (await rp.metadata.discovery(provider.wellKnownEndpoint, rp.http)).userinfo_endpoint;
  return typeof discovered === 'string' && discovered !== '' ? discovered : undefined;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.byteLength === right.byteLength && timingSafeEqual(left, right);
}
