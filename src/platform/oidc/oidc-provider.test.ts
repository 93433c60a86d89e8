/**
 * The OpenID provider end to end: a real Arbor on loopback (default capabilities, SQLite) and
 * openid-client as the relying party. Discovery at AM's path with AM's issuer; a user signs in
 * through the realm's journey (the authorization request sends the browser to Arbor's login page,
 * the journey runs on AM's authenticate REST, the browser comes back through `goto`), then code +
 * PKCE → tokens → userinfo; `prompt=none` follows Arbor's session (a code with it, `login_required`
 * without it and after Arbor's logout); bad requests get OAuth errors that do not redirect; a code
 * works once; client credentials; signing out at the provider ends Arbor's session.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as oidc from 'openid-client';
import { Browser, type OidcServer, signIn, startOidcServer } from '../../../test/helpers/oidc-harness.ts';
import type { Platform } from '../create-platform.ts';
import type { Store } from '../../store/store.ts';
import { oauth2SettingsId } from './oauth2-provider-settings.ts';

const PASSWORD = 'Secret-Passw0rd-1';
const REDIRECT = 'https://app.example/callback';

describe('OpenID provider at AM paths, sign-in through journeys', () => {
  let server: OidcServer;
  let platform: Platform;
  let store: Store;
  let baseUrl = '';
  let issuer = '';
  let userId = '';
  let cookieName = '';
  let spa: oidc.Configuration;

  /** An authorization request of the SPA client, with PKCE. */
  const authorizationRequest = async (extra: Record<string, string> = {}) => {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(spa, { redirect_uri: REDIRECT, scope: 'openid profile email', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, ...extra });
    return { url, verifier, state };
  };

  /** A browser holding only Arbor's session cookie. */
  const browserWith = (token: string | undefined): Browser => server.browserWith(token);

  before(async () => {
    server = await startOidcServer();
    ({ platform, store, baseUrl, issuer, cookieName } = server);
    userId = await server.addUser({ userName: 'olivia', password: PASSWORD, givenName: 'Olivia', sn: 'Stone', mail: 'olivia@example.com' });
    await server.putClient('spa', {
      coreOAuth2ClientConfig: { clientType: 'Public', redirectionUris: [REDIRECT], scopes: ['openid', 'profile', 'email'] },
      advancedOAuth2ClientConfig: { grantTypes: ['authorization_code', 'refresh_token'], tokenEndpointAuthMethod: 'none', isConsentImplied: true },
    });
    await server.putClient('service', {
      coreOAuth2ClientConfig: { userpassword: 'Service-S3cret-Value', redirectionUris: [], scopes: ['read'] },
      advancedOAuth2ClientConfig: { grantTypes: ['client_credentials'], tokenEndpointAuthMethod: 'client_secret_post' },
    });
    spa = await oidc.discovery(new URL(issuer), 'spa', undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
  });

  after(async () => {
    await server?.close();
  });

  it('publishes discovery at AM’s path with AM’s issuer and endpoints', async () => {
    const metadata = spa.serverMetadata();
    assert.equal(metadata.issuer, issuer);
    assert.equal(metadata.authorization_endpoint, `${issuer}/authorize`);
    assert.equal(metadata.token_endpoint, `${issuer}/access_token`);
    assert.equal(metadata.userinfo_endpoint, `${issuer}/userinfo`);
    assert.equal(metadata.revocation_endpoint, `${issuer}/token/revoke`);
    assert.equal(metadata.introspection_endpoint, `${issuer}/introspect`);
    assert.equal(metadata.end_session_endpoint, `${issuer}/connect/endSession`);
    assert.equal(metadata.jwks_uri, `${issuer}/connect/jwk_uri`);
    assert.equal(metadata.device_authorization_endpoint, `${issuer}/device/code`);
    assert.deepEqual(metadata.code_challenge_methods_supported, ['S256']);
    const keys = (await (await fetch(`${issuer}/connect/jwk_uri`)).json()) as { keys: Record<string, unknown>[] };
    assert.equal(keys.keys.length, 1);
    assert.equal(keys.keys[0]?.alg, 'RS256');
    assert.equal(keys.keys[0]?.d, undefined, 'no private part');
    const rootDiscovery = (await (await fetch(`${baseUrl}/am/oauth2/realms/root/.well-known/openid-configuration`)).json()) as { issuer: string };
    assert.equal(rootDiscovery.issuer, `${baseUrl}/am/oauth2/realms/root`);
    const unknown = await fetch(`${baseUrl}/am/oauth2/realms/root/realms/nowhere/.well-known/openid-configuration`);
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as { code: number }).code, 404);
  });

  it('signs the user in through the journey, then code + PKCE → tokens → userinfo; the code works once', async () => {
    const browser = new Browser(baseUrl);
    const { url, verifier, state } = await authorizationRequest({ acr_values: 'unmapped' });
    const toLogin = await browser.follow(url.href);
    assert.equal(toLogin.location, undefined);
    const loginPath = toLogin.visited.at(-1) ?? '';
    assert.match(loginPath, /^\/login\?/);
    const loginQuery = new URL(loginPath, baseUrl).searchParams;
    assert.equal(loginQuery.get('realm'), 'alpha');
    assert.equal(loginQuery.get('journey'), 'Login');
    const goto = loginQuery.get('goto') ?? '';
    assert.match(goto, /^\/am\/oauth2\/realms\/root\/realms\/alpha\/interaction\/[A-Za-z0-9_-]+$/);
    await toLogin.response.body?.cancel();

    browser.cookies.set(cookieName, await signIn(baseUrl, 'olivia', PASSWORD));
    const back = await browser.follow(goto);
    assert.ok(back.location !== undefined, `redirected to the application: ${back.visited.join(' → ')}`);
    assert.equal(`${back.location.origin}${back.location.pathname}`, REDIRECT);

    const tokens = await oidc.authorizationCodeGrant(spa, back.location, { pkceCodeVerifier: verifier, expectedState: state });
    const claims = tokens.claims();
    assert.equal(claims?.sub, userId);
    assert.equal(claims?.iss, issuer);
    assert.equal(claims?.acr, 'Login');
    assert.deepEqual(claims?.amr, ['pwd']);
    const userinfo = await oidc.fetchUserInfo(spa, tokens.access_token, userId);
    assert.equal(userinfo.preferred_username, 'olivia');
    assert.equal(userinfo.email, 'olivia@example.com');
    assert.equal(userinfo.given_name, 'Olivia');
    assert.equal(userinfo.family_name, 'Stone');

    await assert.rejects(oidc.authorizationCodeGrant(spa, back.location, { pkceCodeVerifier: verifier, expectedState: state }), (error: unknown) => error instanceof oidc.ResponseBodyError && error.error === 'invalid_grant');
  });

  it('runs the journey the realm maps the requested acr to', async () => {
    await store.configs.put(oauth2SettingsId('alpha'), { acrJourneys: { 'urn:arbor:mfa': 'MFALogin' } });
    platform.cacheInvalidation.invalidate('config', oauth2SettingsId('alpha'));
    const { url } = await authorizationRequest({ acr_values: 'urn:arbor:mfa' });
    const answer = await new Browser(baseUrl).follow(url.href);
    const loginPath = new URL(answer.visited.at(-1) ?? '', baseUrl);
    assert.equal(loginPath.pathname, '/login');
    assert.equal(loginPath.searchParams.get('journey'), 'MFALogin');
    await answer.response.body?.cancel();
    const metadata = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { acr_values_supported?: string[] };
    assert.ok(metadata.acr_values_supported?.includes('urn:arbor:mfa'));
  });

  it('rotates refresh tokens, and a rotated token used again revokes the whole grant', async () => {
    const token = await signIn(baseUrl, 'olivia', PASSWORD);
    const request = await authorizationRequest({ prompt: 'none' });
    const answer = await browserWith(token).follow(request.url.href);
    const tokens = await oidc.authorizationCodeGrant(spa, answer.location ?? assert.fail('no redirect'), { pkceCodeVerifier: request.verifier, expectedState: request.state });
    const first = tokens.refresh_token ?? assert.fail('no refresh token');
    const rotated = await oidc.refreshTokenGrant(spa, first);
    const second = rotated.refresh_token ?? assert.fail('no rotated refresh token');
    assert.notEqual(second, first);
    const reused = (error: unknown) => error instanceof oidc.ResponseBodyError && error.error === 'invalid_grant';
    await assert.rejects(oidc.refreshTokenGrant(spa, first), reused);
    await assert.rejects(oidc.refreshTokenGrant(spa, second), reused, 'the reuse revoked the grant');
    await assert.rejects(oidc.fetchUserInfo(spa, rotated.access_token, userId), 'its access tokens too');
  });

  it('answers prompt=none from Arbor’s session alone: a code with it, login_required without it and after logout', async () => {
    const token = await signIn(baseUrl, 'olivia', PASSWORD);
    const silent = await authorizationRequest({ prompt: 'none' });
    const withSession = await browserWith(token).follow(silent.url.href);
    assert.ok(withSession.location !== undefined);
    assert.ok(withSession.location.searchParams.get('code'), `a code: ${withSession.location.href}`);
    const tokens = await oidc.authorizationCodeGrant(spa, withSession.location, { pkceCodeVerifier: silent.verifier, expectedState: silent.state });
    assert.equal(tokens.claims()?.sub, userId);

    const anonymous = await authorizationRequest({ prompt: 'none' });
    const without = await browserWith(undefined).follow(anonymous.url.href);
    assert.equal(without.location?.searchParams.get('error'), 'login_required');

    // The same browser, its provider cookie included, after Arbor's logout.
    const browser = browserWith(token);
    const first = await authorizationRequest({ prompt: 'none' });
    assert.ok((await browser.follow(first.url.href)).location?.searchParams.get('code'));
    const logout = await fetch(`${baseUrl}/am/json/realms/root/realms/alpha/sessions?_action=logout`, { method: 'POST', headers: { [cookieName]: token, 'content-type': 'application/json', 'accept-api-version': 'resource=3.1, protocol=1.0' } });
    assert.equal(logout.status, 200);
    const again = await authorizationRequest({ prompt: 'none' });
    const afterLogout = await browser.follow(again.url.href);
    assert.equal(afterLogout.location?.searchParams.get('error'), 'login_required');
  });

  it('refuses an unknown client and an unregistered redirect URI without redirecting', async () => {
    const { url } = await authorizationRequest();
    const unknown = new URL(url);
    unknown.searchParams.set('client_id', 'nobody');
    const first = await fetch(unknown, { redirect: 'manual' });
    assert.equal(first.status, 400);
    assert.equal(first.headers.get('location'), null);
    assert.match(await first.text(), /invalid_client/);
    const elsewhere = new URL(url);
    elsewhere.searchParams.set('redirect_uri', 'https://evil.example/callback');
    const second = await fetch(elsewhere, { redirect: 'manual' });
    assert.equal(second.status, 400);
    assert.equal(second.headers.get('location'), null);
    assert.match(await second.text(), /redirect_uri/);
  });

  it('requires PKCE of a public client', async () => {
    const url = oidc.buildAuthorizationUrl(spa, { redirect_uri: REDIRECT, scope: 'openid', state: oidc.randomState() });
    const answer = await browserWith(undefined).follow(url.href);
    assert.equal(answer.location?.searchParams.get('error'), 'invalid_request');
    assert.match(answer.location?.searchParams.get('error_description') ?? '', /PKCE/);
  });

  it('issues tokens to a confidential client by client credentials, and introspects them', async () => {
    const service = await oidc.discovery(new URL(issuer), 'service', undefined, oidc.ClientSecretPost('Service-S3cret-Value'), { execute: [oidc.allowInsecureRequests] });
    const tokens = await oidc.clientCredentialsGrant(service);
    assert.ok(tokens.access_token.length > 20);
    const introspection = await oidc.tokenIntrospection(service, tokens.access_token);
    assert.equal(introspection.active, true);
    assert.equal(introspection.client_id, 'service');
    const wrongSecret = await oidc.discovery(new URL(issuer), 'service', undefined, oidc.ClientSecretPost('not-the-secret'), { execute: [oidc.allowInsecureRequests] });
    await assert.rejects(oidc.clientCredentialsGrant(wrongSecret), (error: unknown) => error instanceof oidc.ResponseBodyError && error.error === 'invalid_client');
  });

  it('ends Arbor’s session when the user signs out at the provider', async () => {
    const token = await signIn(baseUrl, 'olivia', PASSWORD);
    const browser = browserWith(token);
    const request = await authorizationRequest({ prompt: 'none' });
    const signedIn = await browser.follow(request.url.href);
    const tokens = await oidc.authorizationCodeGrant(spa, signedIn.location ?? assert.fail('no redirect'), { pkceCodeVerifier: request.verifier, expectedState: request.state });
    const endSession = oidc.buildEndSessionUrl(spa, { id_token_hint: tokens.id_token ?? '' });
    const question = await browser.get(endSession.href);
    assert.equal(question.status, 200);
    const html = await question.text();
    const action = /action="([^"]+)"/.exec(html)?.[1] ?? assert.fail('no form');
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1] ?? assert.fail('no xsrf');
    const confirmed = await browser.get(action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ xsrf, logout: 'yes' }).toString() });
    assert.equal(confirmed.status, 303);
    const validate = await fetch(`${baseUrl}/am/json/realms/root/realms/alpha/sessions?_action=validate`, { method: 'POST', headers: { [cookieName]: token, 'content-type': 'application/json', 'accept-api-version': 'resource=2.1, protocol=1.0' }, body: JSON.stringify({ tokenId: token }) });
    assert.equal(((await validate.json()) as { valid: boolean }).valid, false);
  });
});
