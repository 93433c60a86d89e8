/**
 * Logout ties Arbor's SSO session and the OpenID provider together, against a real Arbor on
 * loopback with openid-client as the relying party and a loopback back-channel logout endpoint:
 * an Arbor logout (AM's sessions REST) sends the client that registered back-channel logout a
 * logout token (signed with the provider's published keys, `iss`, `aud`, the back-channel
 * `events` claim, the `sid` of the ID token it got, no `nonce`) and revokes that session's grant
 * (refresh token refused, access token inactive); a client without back-channel logout gets no
 * logout token, and its tokens, bound to the provider session as oidc-provider binds tokens
 * issued without `offline_access`, end with that session; signing out at `connect/endSession` sends the logout token too and ends
 * Arbor's session. (The providers' SSRF-protected fetch refuses loopback: this Arbor's provider
 * fetches with the plain `fetch`.)
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as jose from 'jose';
import * as oidc from 'openid-client';
import { loadServerSettings } from '../../src/config/server-settings.ts';
import { defaultCapabilities } from '../../src/platform/capabilities.ts';
import { createPlatform, type Platform } from '../../src/platform/create-platform.ts';
import { createOidcCapability } from '../../src/platform/oidc/oidc-capability.ts';
import { openPlatformStore } from '../../src/platform/open-platform-store.ts';
import { ADMIN_HEADERS, Browser, freePort, signIn } from '../helpers/oidc-harness.ts';

const PASSWORD = 'Copper-Kettle-Harbor-4';
const REDIRECT = 'https://rp.example/callback';
const BACKCHANNEL_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
const insecure = { execute: [oidc.allowInsecureRequests] };

describe('logout: back-channel logout and revocation from Arbor’s logout and from endSession', () => {
  let platform: Platform;
  let dataDir = '';
  let baseUrl = '';
  let issuer = '';
  let userId = '';
  let rpServer: Server;
  let backchannelUri = '';
  const received: string[] = [];
  let waiting: (() => void) | undefined;
  let withBackchannel: oidc.Configuration;
  let without: oidc.Configuration;

  const admin = async (method: string, url: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> => {
    const response = await fetch(`${baseUrl}${url}`, { method, headers: { ...ADMIN_HEADERS, 'accept-api-version': 'resource=1.0', ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await response.text();
    return { status: response.status, json: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
  };

  /** The next logout token the relying party receives. */
  const nextLogoutToken = async (): Promise<string> => {
    if (received.length === 0) await Promise.race([new Promise<void>((resolve) => (waiting = resolve)), new Promise((_, reject) => setTimeout(() => reject(new Error('no logout token arrived')), 5000))]);
    return received.shift() ?? assert.fail('no logout token');
  };

  /** Tokens of `client` for the session `token`, through a `prompt=none` code + PKCE flow in a browser holding only Arbor's cookie. */
  const tokensOf = async (client: oidc.Configuration, token: string, browser = new Browser(baseUrl)) => {
    browser.cookies.set('iPlanetDirectoryPro', token);
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(client, { redirect_uri: REDIRECT, scope: 'openid profile', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, prompt: 'none' });
    const answer = await browser.follow(url.href);
    return oidc.authorizationCodeGrant(client, answer.location ?? assert.fail(`no redirect: ${answer.visited.join(' → ')}`), { pkceCodeVerifier: verifier, expectedState: state });
  };

  /** The verified claims of a logout token. */
  const verifiedLogoutToken = async (logoutToken: string): Promise<jose.JWTPayload> => {
    const { payload } = await jose.jwtVerify(logoutToken, jose.createRemoteJWKSet(new URL(`${issuer}/connect/jwk_uri`)), { issuer, audience: 'rp-bc', algorithms: ['RS256'] });
    return payload;
  };

  const sessionValid = async (token: string): Promise<boolean> => {
    const answer = await fetch(`${baseUrl}/am/json/realms/root/realms/alpha/sessions?_action=validate`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-api-version': 'resource=2.1, protocol=1.0' }, body: JSON.stringify({ tokenId: token }) });
    return ((await answer.json()) as { valid: boolean }).valid;
  };

  before(async () => {
    rpServer = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const logoutToken = new URLSearchParams(body).get('logout_token');
        if (request.method === 'POST' && logoutToken !== null) received.push(logoutToken);
        response.writeHead(200, { 'cache-control': 'no-store' }).end();
        waiting?.();
        waiting = undefined;
      });
    });
    await new Promise<void>((resolve) => rpServer.listen(0, '127.0.0.1', resolve));
    const address = rpServer.address();
    assert.ok(address !== null && typeof address === 'object');
    backchannelUri = `http://127.0.0.1:${address.port}/backchannel`;

    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    issuer = `${baseUrl}/am/oauth2/realms/root/realms/alpha`;
    dataDir = await mkdtemp(path.join(tmpdir(), 'arbor-oidc-logout-'));
    const env = { ARBOR_DATA_DIR: dataDir, ARBOR_ADMIN_PASSWORD: 'Admin-Passw0rd!', ARBOR_PUBLIC_URL: baseUrl };
    const settings = loadServerSettings(env, dataDir);
    const clock = { now: () => Date.now() };
    const store = await openPlatformStore(settings, () => {}, { clock });
    // The relying party is on loopback, which the SSRF-protected fetch refuses.
    const providerFetch = (url: string | URL | Request, options: RequestInit = {}) => {
      const rest: RequestInit = { ...options };
      Reflect.deleteProperty(rest, 'dispatcher');
      return globalThis.fetch(url, rest);
    };
    const capabilities = [...defaultCapabilities.filter((capability) => capability.name !== 'oidc'), createOidcCapability({ providerFetch })];
    platform = await createPlatform({ settings, store, clock, logger: false, capabilities });
    await platform.app.listen({ port, host: '127.0.0.1' });

    const created = await admin('POST', '/openidm/managed/alpha_user?_action=create', { userName: 'nora', password: PASSWORD, givenName: 'Nora', sn: 'Quinn', mail: 'nora@example.com' });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    userId = String(created.json._id);
    const client = (backchannel: boolean) => ({
      coreOAuth2ClientConfig: { clientType: 'Public', redirectionUris: [REDIRECT], scopes: ['openid', 'profile'] },
      advancedOAuth2ClientConfig: { grantTypes: ['authorization_code', 'refresh_token'], tokenEndpointAuthMethod: 'none', isConsentImplied: true },
      ...(backchannel ? { coreOpenIDClientConfig: { backchannel_logout_uri: backchannelUri, backchannel_logout_session_required: true } } : {}),
    });
    for (const [id, backchannel] of [['rp-bc', true], ['rp-plain', false]] as const) {
      const put = await admin('PUT', `/am/json/realms/root/realms/alpha/realm-config/agents/OAuth2Client/${id}`, client(backchannel));
      assert.ok(put.status < 300, JSON.stringify(put.json));
    }
    withBackchannel = await oidc.discovery(new URL(issuer), 'rp-bc', undefined, oidc.None(), insecure);
    without = await oidc.discovery(new URL(issuer), 'rp-plain', undefined, oidc.None(), insecure);
  });

  after(async () => {
    await platform?.close();
    await new Promise<void>((resolve) => (rpServer === undefined ? resolve() : rpServer.close(() => resolve())));
    if (dataDir !== '') await rm(dataDir, { recursive: true, force: true });
  });

  it('publishes back-channel logout with session support', () => {
    const metadata = withBackchannel.serverMetadata();
    assert.equal(metadata.backchannel_logout_supported, true);
    assert.equal(metadata.backchannel_logout_session_supported, true);
  });

  it('an Arbor logout sends the logout token and revokes that session’s grant; a client without back-channel logout is not told, its session-bound tokens end', async () => {
    const token = await signIn(baseUrl, 'nora', PASSWORD);
    const browser = new Browser(baseUrl);
    const tokens = await tokensOf(withBackchannel, token, browser);
    const plain = await tokensOf(without, token, browser);
    const sid = tokens.claims()?.sid;
    assert.equal(typeof sid, 'string', 'the ID token carries the session’s sid');

    const logout = await fetch(`${baseUrl}/am/json/realms/root/realms/alpha/sessions?_action=logout`, { method: 'POST', headers: { iplanetdirectorypro: token, 'content-type': 'application/json', 'accept-api-version': 'resource=3.1, protocol=1.0' } });
    assert.equal(logout.status, 200);

    const claims = await verifiedLogoutToken(await nextLogoutToken());
    assert.equal(claims.sub, userId);
    assert.equal(claims.sid, sid);
    assert.deepEqual(claims.events, { [BACKCHANNEL_EVENT]: {} });
    assert.equal(claims.nonce, undefined);
    assert.ok(typeof claims.jti === 'string' && typeof claims.iat === 'number');

    await assert.rejects(oidc.refreshTokenGrant(withBackchannel, tokens.refresh_token ?? assert.fail('no refresh token')), (error: unknown) => error instanceof oidc.ResponseBodyError && error.error === 'invalid_grant');
    await assert.rejects(oidc.fetchUserInfo(withBackchannel, tokens.access_token, userId), 'its access token is revoked');
    await assert.rejects(oidc.refreshTokenGrant(without, plain.refresh_token ?? assert.fail('no refresh token')), (error: unknown) => error instanceof oidc.ResponseBodyError && error.error === 'invalid_grant');
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(received.length, 0, 'one logout token only: the client without back-channel logout is not told');
  });

  it('signing out at connect/endSession sends the logout token and ends Arbor’s session', async () => {
    const token = await signIn(baseUrl, 'nora', PASSWORD);
    const browser = new Browser(baseUrl);
    const tokens = await tokensOf(withBackchannel, token, browser);
    const question = await browser.get(oidc.buildEndSessionUrl(withBackchannel, { id_token_hint: tokens.id_token ?? '' }).href);
    const html = await question.text();
    const action = /action="([^"]+)"/.exec(html)?.[1] ?? assert.fail('no form');
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1] ?? assert.fail('no xsrf');
    const confirmed = await browser.get(action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ xsrf, logout: 'yes' }).toString() });
    assert.equal(confirmed.status, 303);
    const claims = await verifiedLogoutToken(await nextLogoutToken());
    assert.equal(claims.sid, tokens.claims()?.sid);
    assert.deepEqual(claims.events, { [BACKCHANNEL_EVENT]: {} });
    assert.equal(await sessionValid(token), false, 'Arbor’s session ended');
    await assert.rejects(oidc.refreshTokenGrant(withBackchannel, tokens.refresh_token ?? assert.fail('no refresh token')));
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(received.length, 0, 'one logout token only (Arbor’s logout that followed found the provider session ended)');
  });
});
