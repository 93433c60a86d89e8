/**
 * The account page signs in through the realm's OpenID provider, as a client of its own realm
 * (`arbor-account`, oidc/account-client.ts; docs/account.md, "Signing in"):
 * - `startSignIn`: the authorization request (code, PKCE S256, `state`, `nonce`, scope `openid`)
 *   to `<realm's OAuth 2.0 base>/authorize`, kept in the sealed `arbor-account-auth` cookie; the
 *   provider runs the realm's journey on Arbor's pages when there is no SSO session;
 * - `finishSignIn` (`/account/callback`): the `state` must be the cookie's, the code is redeemed
 *   at the provider's token endpoint in this process (`app.inject`: no network), and the ID token
 *   is verified (RS256 signature against the provider's key set, `iss`, `aud`, `exp`, `nonce`,
 *   and `auth_time` that of the SSO session the browser carries, of the same user); then the
 *   sealed `arbor-account-signin` cookie binds the page to that `sub`, `sid` and SSO session;
 * - `signInHolds`: every request checks that the SSO session the browser carries is still that
 *   one, so a logout anywhere signs the page out.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';
import type { ServerSettings } from '../../config/server-settings.ts';
import { ACCOUNT_CLIENT_ID, accountCallbackUrl } from '../../oidc/account-client.ts';
import { issuerOf, oauth2BasePath } from '../../oidc/am-oauth2-paths.ts';
import type { SsoSession } from '../../sessions/sso-session.ts';
import { type AccountSealer, type AccountSignIn, clearAccountCookie, pendingCookie, pendingOf, signInCookie, AUTH_COOKIE } from './account-sign-in-cookies.ts';

/** How long an authorization request may take (the journey included). */
const PENDING_MS = 10 * 60_000;

type Settings = Pick<ServerSettings, 'publicUrl' | 'secureCookie'>;

/** The authorization request for `realm`: where to send the browser, and the cookie that remembers it. */
export function startSignIn(settings: Settings, sealer: AccountSealer, realm: string, now: number): { location: string; cookie: string } {
  const state = randomBytes(24).toString('base64url');
  const nonce = randomBytes(24).toString('base64url');
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const query = new URLSearchParams({
    client_id: ACCOUNT_CLIENT_ID,
    redirect_uri: accountCallbackUrl(settings.publicUrl),
    response_type: 'code',
    scope: 'openid',
    state,
    nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  const cookie = pendingCookie(settings, sealer, { realm, state, nonce, verifier, expiresAt: now + PENDING_MS }, now);
  return { location: `${oauth2BasePath(realm)}/authorize?${query.toString()}`, cookie };
}

/** What the callback found. */
export type SignInOutcome =
  /** Signed in: the cookies to set (the sign-in, the pending request removed). */
  | { kind: 'signedIn'; cookies: string[] }
  /** Refused (no request under way, another `state`, an OAuth error, a bad code or ID token): the pending request removed. */
  | { kind: 'refused'; reason: string; cookies: string[] };

/** What the callback is given. */
export interface CallbackFacts {
  query: URLSearchParams;
  cookieHeader: string | undefined;
  /** The SSO session the browser carries now (undefined: none). */
  session: SsoSession | undefined;
  now: number;
}

async function injectJson(app: FastifyInstance, method: 'GET' | 'POST', url: string, form?: Record<string, string>): Promise<{ status: number; body: unknown }> {
  const response = await app.inject({
    method,
    url,
    ...(form === undefined ? {} : { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() }),
  });
  try {
    return { status: response.statusCode, body: JSON.parse(response.body) };
  } catch {
    return { status: response.statusCode, body: undefined };
  }
}

function stringField(value: unknown, name: string): string | undefined {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, name)) return undefined;
  const field: unknown = Reflect.get(value, name);
  return typeof field === 'string' && field.length <= 16_384 ? field : undefined;
}

/** Answers `/account/callback` (see the file comment). */
export async function finishSignIn(app: FastifyInstance, settings: Settings, sealer: AccountSealer, facts: CallbackFacts): Promise<SignInOutcome> {
  const cookies = [clearAccountCookie(settings, AUTH_COOKIE)];
  const refused = (reason: string): SignInOutcome => ({ kind: 'refused', reason, cookies });
  const pending = pendingOf(sealer, facts.cookieHeader, facts.now);
  if (pending === undefined) return refused('no sign-in under way in this browser');
  if (facts.query.get('state') !== pending.state) return refused('the state is not the one this browser sent');
  if (facts.query.has('error')) return refused(`the provider answered ${facts.query.get('error')?.slice(0, 64) ?? ''}`);
  const code = facts.query.get('code');
  if (code === null || code === '' || code.length > 512) return refused('no code');
  const base = oauth2BasePath(pending.realm);
  const tokens = await injectJson(app, 'POST', `${base}/access_token`, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: accountCallbackUrl(settings.publicUrl),
    client_id: ACCOUNT_CLIENT_ID,
    code_verifier: pending.verifier,
  });
  const idToken = tokens.status === 200 ? stringField(tokens.body, 'id_token') : undefined;
  if (idToken === undefined) return refused(`the code was not redeemed (${stringField(tokens.body, 'error') ?? tokens.status})`);
  const keys = await injectJson(app, 'GET', `${base}/connect/jwk_uri`);
  if (keys.status !== 200 || typeof keys.body !== 'object' || keys.body === null) return refused('the provider’s keys could not be read');
  let claims: Record<string, unknown>;
  try {
    const verified = await jwtVerify(idToken, createLocalJWKSet(keys.body as JSONWebKeySet), { issuer: issuerOf(settings.publicUrl, pending.realm), audience: ACCOUNT_CLIENT_ID, algorithms: ['RS256'] });
    claims = verified.payload;
  } catch {
    return refused('the ID token does not verify');
  }
  const sub = stringField(claims, 'sub');
  const sid = stringField(claims, 'sid');
  if (stringField(claims, 'nonce') !== pending.nonce) return refused('the ID token’s nonce is not this browser’s');
  if (sub === undefined || sid === undefined) return refused('the ID token has no sub or sid');
  const session = facts.session;
  if (session === undefined || session.realm !== pending.realm || session.userId !== sub || claims.auth_time !== Math.floor(session.createdAt / 1000)) {
    return refused('the ID token is not of the SSO session this browser carries');
  }
  const signIn: AccountSignIn = { realm: pending.realm, sub, sid, handle: session.handle, expiresAt: facts.now + Math.max(60_000, session.maxExpiresAt - session.lastAccessAt) };
  return { kind: 'signedIn', cookies: [...cookies, signInCookie(settings, sealer, signIn, facts.now)] };
}

/** True while the page's sign-in is the one of `session` (same realm, user and SSO session). */
export function signInHolds(signIn: AccountSignIn | undefined, session: SsoSession): boolean {
  return signIn !== undefined && signIn.realm === session.realm && signIn.sub === session.userId && signIn.handle === session.handle;
}
