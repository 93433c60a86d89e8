/**
 * A native app at a provider, for tests: what the ForgeRock SDK's IdP handlers do with an
 * IdPCallback. It runs its own authorization request (the callback's client id, redirect URI,
 * scopes and nonce; PKCE S256 when asked) through the browser stand-in, and redeems the code
 * itself with its client secret (HTTP Basic), as a native app registered as a confidential client
 * at a test provider can. Only the token goes back to Arbor.
 */
import { createHash, randomBytes } from 'node:crypto';
import { visitProvider } from './browser-at-provider.ts';

/** The authorization request the app makes. */
export interface NativeAppAuthorization {
  authorizationEndpoint: string;
  clientId: string;
  redirectUri: string;
  scopes: readonly string[];
  /** The IdPCallback's nonce (the provider is sent one even when the callback's is empty). */
  nonce?: string;
  /** Claims asked in the ID token (`claims` parameter), e.g. `{ email: null }`. */
  idTokenClaims?: Record<string, null>;
  /** Use PKCE S256 (default true); the verifier comes back with the code. */
  pkce?: boolean;
}

/** The code the provider sent back. */
export interface NativeAppCode {
  code: string;
  codeVerifier?: string;
}

/** Signs the scripted user in at the provider and returns the code. */
export async function authorizeAsNativeApp(request: NativeAppAuthorization): Promise<NativeAppCode> {
  const url = new URL(request.authorizationEndpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', request.clientId);
  url.searchParams.set('redirect_uri', request.redirectUri);
  url.searchParams.set('scope', request.scopes.join(' '));
  url.searchParams.set('state', randomBytes(12).toString('base64url'));
  url.searchParams.set('nonce', request.nonce !== undefined && request.nonce !== '' ? request.nonce : randomBytes(12).toString('base64url'));
  if (request.idTokenClaims !== undefined) url.searchParams.set('claims', JSON.stringify({ id_token: request.idTokenClaims }));
  let codeVerifier: string | undefined;
  if (request.pkce ?? true) {
    codeVerifier = randomBytes(32).toString('base64url');
    url.searchParams.set('code_challenge', createHash('sha256').update(codeVerifier).digest('base64url'));
    url.searchParams.set('code_challenge_method', 'S256');
  }
  const outcome = await visitProvider(url.href, request.redirectUri);
  if (outcome.kind !== 'redirect' || outcome.parameters.code === undefined) throw new Error(`the provider did not send a code back: ${JSON.stringify(outcome)}`);
  return codeVerifier === undefined ? { code: outcome.parameters.code } : { code: outcome.parameters.code, codeVerifier };
}

/** The tokens the app got. */
export interface NativeAppTokens {
  accessToken: string;
  idToken?: string;
}

/** Redeems `code` at the token endpoint as the app (client secret in an HTTP Basic header). */
export async function redeemAsNativeApp(request: {
  tokenEndpoint: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  code: NativeAppCode;
}): Promise<NativeAppTokens> {
  const body = new URLSearchParams({ grant_type: 'authorization_code', code: request.code.code, redirect_uri: request.redirectUri });
  if (request.code.codeVerifier !== undefined) body.set('code_verifier', request.code.codeVerifier);
  const basic = Buffer.from(`${encodeURIComponent(request.clientId)}:${encodeURIComponent(request.clientSecret)}`).toString('base64');
  const response = await fetch(request.tokenEndpoint, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: body.toString(),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (response.status !== 200 || typeof json.access_token !== 'string') throw new Error(`the token endpoint refused the app: HTTP ${response.status} ${JSON.stringify(json)}`);
  return typeof json.id_token === 'string' ? { accessToken: json.access_token, idToken: json.id_token } : { accessToken: json.access_token };
}
