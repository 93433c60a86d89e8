/**
 * The ForgeRock JavaScript SDK signing an app in through Arbor's OpenID provider, in Chromium: a
 * real Arbor on loopback, an app on another loopback origin (same site, another port) running the
 * unmodified SDK, and a public client with implied consent added with `arbor clients add`. FRAuth
 * runs the `Login` journey; `TokenManager.getTokens({forceRenew: true})` gets tokens by
 * authorization code + PKCE in the SDK's hidden iframe, carried by Arbor's SameSite=Lax session
 * cookie alone; `UserManager.getCurrentUser()` reads userinfo; `FRUser.logout()` revokes the access
 * token and ends the SSO session, after which `prompt=none` answers `login_required`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import * as oidc from 'openid-client';
import { type OidcServer, startOidcServer } from '../helpers/oidc-harness.ts';
import type { BrowserHarness } from './browser-harness.ts';
import { startBrowser } from './browser-harness.ts';
import { chromiumSkip } from './launch-chromium.ts';
import { type OidcApp, startOidcApp } from './oidc-app/oidc-app-server.ts';

const PASSWORD = 'Quiet-Harbour-Lamp-7';
const RS_SECRET = 'Resource-Server-S3cret';

/** What `window.signInAndGetTokens` resolves to. */
interface SignedIn {
  type: string;
  steps: string[];
  tokens?: { accessToken: string; idToken: string; refreshToken?: string; tokenExpiry: number };
  user?: Record<string, unknown>;
}

describe('the ForgeRock JavaScript SDK with Arbor’s OpenID provider (Chromium, app on another origin)', { skip: chromiumSkip() }, () => {
  let app: OidcApp;
  let server: OidcServer;
  let harness: BrowserHarness;
  let userId = '';
  let resourceServer: oidc.Configuration;

  before(async () => {
    app = await startOidcApp();
    // The app calls AM's REST (authenticate, sessions) with credentials: its origin must be allowed.
    server = await startOidcServer({ env: { ARBOR_CORS_ORIGINS: app.origin } });
    userId = await server.addUser({ userName: 'nadia', password: PASSWORD, givenName: 'Nadia', sn: 'Rahimi', mail: 'nadia@example.com' });
    const added = await server.cli(['clients', 'add', 'sdk-app', '--realm', 'alpha', '--public', '--redirect-uri', app.redirectUri, '--grant-type', 'authorization_code', '--grant-type', 'refresh_token', '--implied-consent']);
    assert.equal(added.code, 0, added.out + added.err);
    // A resource server, to ask the provider whether the app's access token is still active.
    await server.putClient('resource-server', {
      coreOAuth2ClientConfig: { userpassword: RS_SECRET, redirectionUris: [], scopes: ['openid'] },
      advancedOAuth2ClientConfig: { grantTypes: ['client_credentials'], tokenEndpointAuthMethod: 'client_secret_basic' },
    });
    resourceServer = await oidc.discovery(new URL(server.issuer), 'resource-server', undefined, oidc.ClientSecretBasic(RS_SECRET), { execute: [oidc.allowInsecureRequests] });
    harness = await startBrowser('oidc-sdk');
  });
  after(async () => {
    await harness?.close();
    await server?.close();
    await app?.close();
  });

  /** Where a `prompt=none` authorization request of the app ends, in `page`'s browser profile. */
  const silentAuthorization = async (page: Page): Promise<URL> => {
    const verifier = oidc.randomPKCECodeVerifier();
    const url = new URL(`${server.issuer}/authorize`);
    url.search = new URLSearchParams({ client_id: 'sdk-app', redirect_uri: app.redirectUri, response_type: 'code', scope: 'openid profile', state: 'silent', prompt: 'none', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' }).toString();
    await page.goto(url.href);
    return new URL(page.url());
  };

  it('signs in with FRAuth, gets tokens in the hidden iframe, reads userinfo, and logs out of tokens and session', async () => {
    const page = await harness.newPage();
    const consoleLines: string[] = [];
    page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
    await page.goto(`${app.origin}/`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');

    const signedIn = await page.evaluate(
      ([arbor, answers]) => (window as unknown as { signInAndGetTokens(a: string, c: string, g: Record<string, string>): Promise<SignedIn> }).signInAndGetTokens(arbor, 'sdk-app', answers),
      [server.baseUrl, { username: 'nadia', password: PASSWORD }] as const,
    );
    assert.equal(signedIn.type, 'LoginSuccess', `${JSON.stringify(signedIn)}\n${consoleLines.join('\n')}`);
    const tokens = signedIn.tokens ?? assert.fail('no tokens');
    assert.ok(tokens.accessToken.length > 20 && tokens.idToken.split('.').length === 3, 'an access token and a signed ID token');
    assert.ok(tokens.refreshToken, 'a refresh token: the client has the refresh_token grant');
    assert.ok(tokens.tokenExpiry > Date.now());
    const idClaims = JSON.parse(Buffer.from(tokens.idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    assert.equal(idClaims.sub, userId);
    assert.equal(idClaims.aud, 'sdk-app');
    assert.equal(idClaims.iss, server.issuer);
    assert.deepEqual(signedIn.user && { sub: signedIn.user.sub, preferred_username: signedIn.user.preferred_username, email: signedIn.user.email, name: signedIn.user.name }, { sub: userId, preferred_username: 'nadia', email: 'nadia@example.com', name: 'Nadia Rahimi' });

    // The browser holds Arbor's session cookie for 127.0.0.1 (the app's site), SameSite=Lax, HttpOnly.
    const sessionCookie = (await page.context().cookies(server.baseUrl)).find((cookie) => cookie.name === server.cookieName);
    assert.equal(sessionCookie?.sameSite, 'Lax');
    assert.equal(sessionCookie?.httpOnly, true);
    assert.equal((await oidc.tokenIntrospection(resourceServer, tokens.accessToken)).active, true);
    await harness.screenshot(page, 'signed-in');

    const kept = await page.evaluate(() => (window as unknown as { signOut(): Promise<unknown> }).signOut());
    assert.equal(kept, null, 'the SDK forgot the tokens');
    await harness.screenshot(page, 'signed-out');
    assert.equal((await oidc.tokenIntrospection(resourceServer, tokens.accessToken)).active, false, 'the access token is revoked');
    const validate = await fetch(`${server.baseUrl}/am/json/realms/root/realms/alpha/sessions?_action=validate`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-api-version': 'resource=2.1, protocol=1.0' }, body: JSON.stringify({ tokenId: sessionCookie?.value }) });
    assert.equal(((await validate.json()) as { valid: boolean }).valid, false, 'the SSO session is over');

    // The same browser profile (the provider's own cookies included) cannot get a code silently any more.
    const silent = await silentAuthorization(page);
    assert.equal(`${silent.origin}${silent.pathname}`, app.redirectUri);
    assert.equal(silent.searchParams.get('error'), 'login_required', silent.href);
    assert.equal(silent.searchParams.get('code'), null);
  });

  it('gets a code silently in the same browser while the session lasts (control for the login_required above)', async () => {
    const page = await harness.newPage();
    await page.goto(`${app.origin}/`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
    const signedIn = await page.evaluate(
      ([arbor, answers]) => (window as unknown as { signInAndGetTokens(a: string, c: string, g: Record<string, string>): Promise<SignedIn> }).signInAndGetTokens(arbor, 'sdk-app', answers),
      [server.baseUrl, { username: 'nadia', password: PASSWORD }] as const,
    );
    assert.equal(signedIn.type, 'LoginSuccess');
    const silent = await silentAuthorization(page);
    assert.ok(silent.searchParams.get('code'), silent.href);
  });
});
