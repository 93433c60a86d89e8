/**
 * The first half of a native-app sign-in (AM's IdPCallback, `clientType: NATIVE`): what the app
 * needs to sign the user in at the provider itself — client id, redirect URI, scopes, the nonce
 * the ID token must carry, acr values and, when the provider takes request objects, the request
 * object by value or by reference — and the secrets the journey keeps to check the token the app
 * sends back. The nonce is AM's: with `enableNativeNonce`, 160 random bits in base 36 that the
 * ID token must carry; without it, none (an empty string in the callback) and none checked.
 * There is no `state` and no PKCE: the app runs its own authorization request.
 */
import { randomBytes } from 'node:crypto';
import type { SocialProviderConfig } from '../provider-config.ts';
import { socialRpError } from './errors.ts';
import { isOpenIdProvider } from './is-open-id-provider.ts';
import type { RelyingParty } from './relying-party.ts';
import { buildRequestObject } from './request-object.ts';
import { requestUriFor } from './request-uri.ts';

/** What `beginNativeAuthorization` needs. */
export interface BeginNativeAuthorizationInput {
  provider: SocialProviderConfig;
  realm: string;
  /** The realm's OAuth2 base URL as the provider sees it; needed for request objects by reference. */
  realmOAuth2BaseUrl?: string;
}

/** The IdPCallback's outputs, AM's names and order. */
export interface NativeAuthorizationParameters {
  provider: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  /** `''` when the provider does not use native nonces. */
  nonce: string;
  acrValues: string[];
  /** The request object by value, `''` when none. */
  request: string;
  /** The request object by reference, `''` when none. */
  requestUri: string;
}

/** What the journey keeps until the app answers; never shown beyond the callback, never logged. */
export interface NativeAuthorizationSecrets {
  provider: string;
  /** The redirect URI given to the app (an authorization code is redeemed with it). */
  redirectUri: string;
  /** The nonce the ID token must carry (only with `enableNativeNonce`). */
  nonce?: string;
  /** The acr values asked (the ID token's `acr` must be one of them). */
  acrValues?: string[];
}

/** The callback's parameters and the secrets to keep. */
export interface NativeAuthorizationStart {
  callback: NativeAuthorizationParameters;
  secrets: NativeAuthorizationSecrets;
}

/** Prepares a native sign-in at `provider`. */
export async function beginNativeAuthorization(rp: RelyingParty, input: BeginNativeAuthorizationInput): Promise<NativeAuthorizationStart> {
  const { provider, realm } = input;
  const openId = isOpenIdProvider(provider);
  const nonce = openId && provider.enableNativeNonce ? nativeNonce() : undefined;
  const callback: NativeAuthorizationParameters = {
    provider: provider.name,
    clientId: provider.clientId,
    redirectUri: provider.redirectURI,
    scopes: [...provider.scopes],
    nonce: nonce ?? '',
    acrValues: [...provider.acrValues],
    request: '',
    requestUri: '',
  };
  if (openId && provider.jwtRequestParameterOption !== 'NONE') {
    const parameters: Record<string, string> = {
      response_type: 'code',
      client_id: provider.clientId,
      redirect_uri: provider.redirectURI,
      scope: provider.scopes.join(provider.scopeDelimiter || ' '),
    };
    if (nonce !== undefined) parameters.nonce = nonce;
    if (provider.acrValues.length > 0) parameters.acr_values = provider.acrValues.join(' ');
    if (provider.claims) {
      try {
        JSON.parse(provider.claims);
      } catch {
        throw socialRpError('CONFIGURATION_INVALID', `provider ${provider.name}: claims is not JSON`);
      }
      parameters.claims = provider.claims;
    }
    const requestObject = await buildRequestObject(rp, provider, realm, parameters);
    if (provider.jwtRequestParameterOption === 'VALUE') {
      callback.request = requestObject;
    } else {
      if (!input.realmOAuth2BaseUrl) throw socialRpError('CONFIGURATION_INVALID', 'request objects by reference need the realm OAuth2 base URL');
      callback.requestUri = requestUriFor(input.realmOAuth2BaseUrl, await rp.requestObjects.put(requestObject));
    }
  }
  const secrets: NativeAuthorizationSecrets = { provider: provider.name, redirectUri: provider.redirectURI };
  if (nonce !== undefined) secrets.nonce = nonce;
  if (provider.acrValues.length > 0) secrets.acrValues = [...provider.acrValues];
  return { callback, secrets };
}

/** AM's native nonce: 160 random bits written in base 36 (as `begin-authorization.ts` makes it). */
function nativeNonce(): string {
  return BigInt(`0x${randomBytes(20).toString('hex')}`).toString(36);
}
