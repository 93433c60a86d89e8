/**
 * The second half of a native-app sign-in: the token the app got from the provider itself, checked
 * as strictly as a browser sign-in's.
 *
 * - `id_token`: the full ID token validation of `id-token.ts` (decrypted when the provider encrypts,
 *   signature from the provider's keys, issuer, audience = our client id, expiry, the nonce the
 *   IdPCallback gave when `enableNativeNonce`, acr); the profile is its claims.
 * - `access_token`: only where the provider signs its userinfo (SIGNED_JWT or
 *   SIGNED_THEN_ENCRYPTED_JWT), whose audience proves the token was issued to our client; a plain
 *   JSON userinfo or an OAuth 2.0 profile API cannot, so the token is refused there
 *   (ACCESS_TOKEN_NOT_BOUND): an app's token for another client must not sign anyone in.
 * - `authorization_code`: redeemed at the token endpoint with the provider's client authentication
 *   and the redirect URI the callback gave (no PKCE verifier: the app ran the authorization
 *   request), then as a browser sign-in after redemption.
 */
import type { SocialProviderConfig } from '../provider-config.ts';
import type { NativeAuthorizationSecrets } from './begin-native-authorization.ts';
import { socialRpError } from './errors.ts';
import { validateIdToken } from './id-token.ts';
import { isOpenIdProvider } from './is-open-id-provider.ts';
import { fetchOAuth2Profile } from './oauth2-profile.ts';
import type { RelyingParty } from './relying-party.ts';
import { redeemCode } from './token-request.ts';
import { fetchUserInfo } from './userinfo.ts';

/** The token types of AM's IdPCallback (`IDToken<N>token_type`). */
export const NATIVE_TOKEN_TYPES = ['id_token', 'access_token', 'authorization_code'] as const;
export type NativeTokenType = (typeof NATIVE_TOKEN_TYPES)[number];

/** What `completeWithToken` needs. */
export interface CompleteWithTokenInput {
  provider: SocialProviderConfig;
  realm: string;
  token: string;
  tokenType: NativeTokenType;
  secrets: NativeAuthorizationSecrets;
}

/** The signed-in user at the provider. */
export interface TokenCompletionResult {
  /** The profile to normalize: ID token claims, userinfo, or the OAuth 2.0 profile. */
  rawProfile: Record<string, unknown>;
  /** The validated ID token claims, when there was an ID token. */
  idTokenClaims?: Record<string, unknown>;
}

/** Checks the app's token and fetches the profile. */
export async function completeWithToken(rp: RelyingParty, input: CompleteWithTokenInput): Promise<TokenCompletionResult> {
  const { provider, realm, token, tokenType, secrets } = input;
  if (secrets.provider !== provider.name) throw socialRpError('STATE_MISMATCH', `the journey started a sign-in with ${secrets.provider}, not ${provider.name}`);
  const openId = isOpenIdProvider(provider);
  const expected = { nonce: secrets.nonce, acrValues: secrets.acrValues };

  if (tokenType === 'id_token') {
    if (!openId) throw socialRpError('ID_TOKEN_INVALID', `provider ${provider.name} is a plain OAuth 2.0 provider: it issues no ID tokens`);
    const idTokenClaims = await validateIdToken(rp, provider, realm, token, expected);
    return { rawProfile: { ...idTokenClaims }, idTokenClaims };
  }

  if (tokenType === 'access_token') {
    // A bare access token says nothing of whom it was issued to: one an app got from the same
    // provider for another client would sign its user in here. It is taken only where the answer
    // proves the audience (a signed userinfo names our client); otherwise the app sends the ID token.
    if (!openId || provider.userInfoResponseType === 'JSON') {
      throw socialRpError(
        'ACCESS_TOKEN_NOT_BOUND',
        `an access token cannot be shown to be issued to client ${provider.clientId} of provider ${provider.name} (its ${openId ? 'userinfo is plain JSON' : 'profile API does not say'}): send the ID token or the authorization code`,
      );
    }
    const endpoint = await userInfoEndpointOf(rp, provider);
    if (endpoint === undefined) throw socialRpError('CONFIGURATION_INVALID', `provider ${provider.name} has no userinfo endpoint to take an access token to`);
    return { rawProfile: await fetchUserInfo(rp, provider, realm, endpoint, token, undefined) };
  }

  const tokens = await redeemCode(rp, provider, realm, { code: token, redirectUri: secrets.redirectUri });
  if (!openId) return { rawProfile: await fetchOAuth2Profile(rp, provider, tokens.accessToken) };
  if (tokens.idToken === undefined) throw socialRpError('BAD_TOKEN_RESPONSE', `the token response of ${provider.name} has no id_token`);
  const idTokenClaims = await validateIdToken(rp, provider, realm, tokens.idToken, expected);
  const endpoint = await userInfoEndpointOf(rp, provider);
  const rawProfile = endpoint === undefined ? { ...idTokenClaims } : await fetchUserInfo(rp, provider, realm, endpoint, tokens.accessToken, String(idTokenClaims.sub));
  return { rawProfile, idTokenClaims };
}

/** The configured userinfo endpoint, else the discovered one. */
async function userInfoEndpointOf(rp: RelyingParty, provider: SocialProviderConfig): Promise<string | undefined> {
  if (provider.userInfoEndpoint) return provider.userInfoEndpoint;
  if (!provider.wellKnownEndpoint) return undefined;
  const discovered = (await rp.metadata.discovery(provider.wellKnownEndpoint, rp.http)).userinfo_endpoint;
  return typeof discovered === 'string' && discovered !== '' ? discovered : undefined;
}
