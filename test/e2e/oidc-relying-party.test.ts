/**
 * Arbor's OpenID provider with `openid-client` v6 as the relying party, against a real server on
 * loopback (what src/platform/oidc/oidc-provider.test.ts does not already prove): the device code
 * grant (the code entered at the device page by a signed-in user, then polling gets tokens),
 * revocation of access and refresh tokens, introspection of active and inactive tokens, RP-initiated
 * logout with `id_token_hint` and a registered or unregistered `post_logout_redirect_uri`, a
 * `private_key_jwt` client whose replayed assertion is refused, `max_age=0` forcing a new sign-in,
 * and OAuth errors (never a 500) at the token endpoint: unknown client, wrong `code_verifier`,
 * missing or unsupported grant, malformed requests.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import * as jose from 'jose';
import * as oidc from 'openid-client';
import { type Browser, type OidcServer, signIn, startOidcServer } from '../helpers/oidc-harness.ts';

const PASSWORD = 'Amber-Lantern-Quay-9';
const REDIRECT = 'https://web.example/callback';
const LOGGED_OUT = 'https://web.example/signed-out';
const WEB_SECRET = 'Web-App-S3cret-Value';
const insecure = { execute: [oidc.allowInsecureRequests] };

const oauthError = (code: string) => (error: unknown) => error instanceof oidc.ResponseBodyError && error.error === code;

/** The action and hidden fields of the first form of `html`. */
function formOf(html: string): { action: string; fields: Record<string, string> } {
  const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(html) ?? assert.fail(`no form in ${html.slice(0, 400)}`);
  const fields: Record<string, string> = {};
  for (const input of (form[2] ?? '').matchAll(/<input[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(input[0])?.[1];
    const value = /value="([^"]*)"/.exec(input[0])?.[1];
    if (name !== undefined && value !== undefined) fields[name] = value;
  }
  return { action: (form[1] ?? '').replaceAll('&amp;', '&'), fields };
}

/** Posts a form in `browser` and follows the redirects. */
function submit(browser: Browser, action: string, fields: Record<string, string>) {
  return browser.follow(action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
}

describe('openid-client as a relying party of Arbor’s OpenID provider', () => {
  let server: OidcServer;
  let userId = '';
  let web: oidc.Configuration;
  let tv: oidc.Configuration;

  /** Tokens of the web client for the signed-in user, through a `prompt=none` code + PKCE flow. */
  const webTokens = async (token: string) => {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(web, { redirect_uri: REDIRECT, scope: 'openid profile', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, prompt: 'none' });
    const answer = await server.browserWith(token).follow(url.href);
    return oidc.authorizationCodeGrant(web, answer.location ?? assert.fail(`no redirect: ${answer.visited.join(' → ')}`), { pkceCodeVerifier: verifier, expectedState: state });
  };

  before(async () => {
    server = await startOidcServer();
    userId = await server.addUser({ userName: 'ines', password: PASSWORD, givenName: 'Ines', sn: 'Moreau', mail: 'ines@example.com' });
    await server.putClient('web', {
      coreOAuth2ClientConfig: { userpassword: WEB_SECRET, redirectionUris: [REDIRECT], scopes: ['openid', 'profile', 'email'] },
      advancedOAuth2ClientConfig: { grantTypes: ['authorization_code', 'refresh_token'], tokenEndpointAuthMethod: 'client_secret_basic', isConsentImplied: true },
      coreOpenIDClientConfig: { postLogoutRedirectUri: [LOGGED_OUT] },
    });
    await server.putClient('tv', {
      coreOAuth2ClientConfig: { clientType: 'Public', clientName: ['Living-room TV'], redirectionUris: [], scopes: ['openid', 'profile'] },
      advancedOAuth2ClientConfig: { grantTypes: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'], tokenEndpointAuthMethod: 'none', isConsentImplied: true },
    });
    web = await oidc.discovery(new URL(server.issuer), 'web', undefined, oidc.ClientSecretBasic(WEB_SECRET), insecure);
    tv = await oidc.discovery(new URL(server.issuer), 'tv', undefined, oidc.None(), insecure);
  });
  after(async () => {
    await server?.close();
  });

  it('device code grant: pending until a signed-in user enters the code at the device page, then polling gets tokens', async () => {
    // A device that asks and polls before anyone entered its code is told to wait.
    const waiting = await oidc.initiateDeviceAuthorization(tv, { scope: 'openid profile' });
    const early = await fetch(`${server.issuer}/access_token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: waiting.device_code, client_id: 'tv' }) });
    assert.equal(early.status, 400);
    assert.equal(((await early.json()) as { error: string }).error, 'authorization_pending');

    const device = await oidc.initiateDeviceAuthorization(tv, { scope: 'openid profile' });
    assert.equal(device.verification_uri, `${server.issuer}/device/user`);
    assert.match(device.user_code, /^[A-Z-]{4,}/);
    const browser = server.browserWith(await signIn(server.baseUrl, 'ines', PASSWORD));
    const entry = await browser.get(device.verification_uri);
    assert.equal(entry.status, 200);
    const input = formOf(await entry.text());
    const confirm = await submit(browser, input.action, { ...input.fields, user_code: device.user_code });
    assert.equal(confirm.response.status, 200);
    const confirmHtml = await confirm.response.text();
    assert.match(confirmHtml, /Living-room TV/, 'the page names the device’s client');
    const confirmForm = formOf(confirmHtml);
    const done = await submit(browser, confirmForm.action, { ...confirmForm.fields, confirm: 'yes' });
    assert.equal(done.location, undefined, `stays on the provider: ${done.visited.join(' → ')}`);
    assert.equal(done.response.status, 200);
    const doneHtml = await done.response.text();
    assert.doesNotMatch(doneHtml, /<form/, 'nothing more to enter or confirm');
    assert.match(doneHtml, /Living-room TV/);

    const tokens = await oidc.pollDeviceAuthorizationGrant(tv, { ...device, interval: 0 });
    assert.equal(tokens.claims()?.sub, userId);
    assert.equal(tokens.claims()?.aud, 'tv');
    const userinfo = await oidc.fetchUserInfo(tv, tokens.access_token, userId);
    assert.equal(userinfo.preferred_username, 'ines');
    // The device code works once.
    await assert.rejects(oidc.pollDeviceAuthorizationGrant(tv, { ...device, interval: 0 }), oauthError('invalid_grant'));
  });

  it('a device code entered wrong is refused at the device page, and the device keeps waiting', async () => {
    const device = await oidc.initiateDeviceAuthorization(tv, { scope: 'openid' });
    const browser = server.browserWith(await signIn(server.baseUrl, 'ines', PASSWORD));
    const input = formOf(await (await browser.get(device.verification_uri)).text());
    const wrong = await submit(browser, input.action, { ...input.fields, user_code: 'BCDF-GHJK' });
    assert.equal(wrong.location, undefined);
    assert.equal(wrong.response.status, 200);
    const again = await wrong.response.text();
    assert.match(again, /name="user_code"/, 'the code is asked again');
    assert.doesNotMatch(again, /Living-room TV/, 'no device is named for a wrong code');
    const poll = await fetch(`${server.issuer}/access_token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: device.device_code, client_id: 'tv' }) });
    assert.equal(((await poll.json()) as { error: string }).error, 'authorization_pending');
  });

  it('introspects active and inactive tokens, and revokes access and refresh tokens', async () => {
    const tokens = await webTokens(await signIn(server.baseUrl, 'ines', PASSWORD));
    const active = await oidc.tokenIntrospection(web, tokens.access_token);
    assert.equal(active.active, true);
    assert.equal(active.sub, userId);
    assert.equal(active.client_id, 'web');
    assert.equal(active.token_type, 'Bearer');
    assert.ok(typeof active.exp === 'number' && active.exp * 1000 > Date.now());
    assert.match(String(active.scope), /openid/);
    const refresh = tokens.refresh_token ?? assert.fail('no refresh token');
    assert.equal((await oidc.tokenIntrospection(web, refresh)).active, true);
    assert.deepEqual(await oidc.tokenIntrospection(web, 'not-a-token-at-all'), { active: false });

    // oidc-provider revokes the whole grant with either token: the refresh token goes with the access token.
    await oidc.tokenRevocation(web, tokens.access_token);
    assert.deepEqual(await oidc.tokenIntrospection(web, tokens.access_token), { active: false });
    await assert.rejects(oidc.fetchUserInfo(web, tokens.access_token, userId));
    assert.deepEqual(await oidc.tokenIntrospection(web, refresh), { active: false });
    await assert.rejects(oidc.refreshTokenGrant(web, refresh), oauthError('invalid_grant'));

    // Revoking a refresh token ends it and the access tokens of its grant.
    const second = await webTokens(await signIn(server.baseUrl, 'ines', PASSWORD));
    const secondRefresh = second.refresh_token ?? assert.fail('no refresh token');
    await oidc.tokenRevocation(web, secondRefresh, { token_type_hint: 'refresh_token' });
    assert.deepEqual(await oidc.tokenIntrospection(web, secondRefresh), { active: false });
    assert.deepEqual(await oidc.tokenIntrospection(web, second.access_token), { active: false });
    await assert.rejects(oidc.refreshTokenGrant(web, secondRefresh), oauthError('invalid_grant'));
    // Revoking what is already gone (or never was) is not an error (RFC 7009).
    await oidc.tokenRevocation(web, refresh);
    await oidc.tokenRevocation(web, 'never-issued');
  });

  it('ends the session with id_token_hint and a registered post_logout_redirect_uri, and refuses an unregistered one', async () => {
    const token = await signIn(server.baseUrl, 'ines', PASSWORD);
    const browser = server.browserWith(token);
    const tokens = await webTokens(token);
    const idToken = tokens.id_token ?? assert.fail('no ID token');

    const elsewhere = oidc.buildEndSessionUrl(web, { id_token_hint: idToken, post_logout_redirect_uri: 'https://evil.example/bye' });
    const refused = await browser.get(elsewhere.href);
    assert.equal(refused.status, 400);
    assert.equal(refused.headers.get('location'), null);
    assert.match(await refused.text(), /invalid_request[\s\S]*post_logout_redirect_uri/);

    const registered = oidc.buildEndSessionUrl(web, { id_token_hint: idToken, post_logout_redirect_uri: LOGGED_OUT, state: 'bye-123' });
    const question = await browser.get(registered.href);
    assert.equal(question.status, 200);
    const form = formOf(await question.text());
    const confirmed = await submit(browser, form.action, { ...form.fields, logout: 'yes' });
    assert.ok(confirmed.location !== undefined, confirmed.visited.join(' → '));
    assert.equal(`${confirmed.location.origin}${confirmed.location.pathname}`, LOGGED_OUT);
    assert.equal(confirmed.location.searchParams.get('state'), 'bye-123');

    const validate = await fetch(`${server.baseUrl}/am/json/realms/root/realms/alpha/sessions?_action=validate`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-api-version': 'resource=2.1, protocol=1.0' }, body: JSON.stringify({ tokenId: token }) });
    assert.equal(((await validate.json()) as { valid: boolean }).valid, false, 'Arbor’s SSO session ended');
  });

  it('authenticates a private_key_jwt client with inline keys, and refuses a replayed or foreign assertion', async () => {
    const { privateKey, publicKey } = await jose.generateKeyPair('ES256', { extractable: true });
    const jwk = { ...(await jose.exportJWK(publicKey)), kid: 'svc-1', alg: 'ES256', use: 'sig' };
    await server.putClient('signed-service', {
      coreOAuth2ClientConfig: { redirectionUris: [], scopes: ['read'] },
      advancedOAuth2ClientConfig: { grantTypes: ['client_credentials'], tokenEndpointAuthMethod: 'private_key_jwt' },
      signEncOAuth2ClientConfig: { publicKeyLocation: 'jwks', jwkSet: JSON.stringify({ keys: [jwk] }), tokenEndpointAuthSigningAlgorithm: 'ES256' },
    });
    const service = await oidc.discovery(new URL(server.issuer), 'signed-service', undefined, oidc.PrivateKeyJwt({ key: privateKey, kid: 'svc-1' }), insecure);
    const tokens = await oidc.clientCredentialsGrant(service, { scope: 'read' });
    assert.equal((await oidc.tokenIntrospection(web, tokens.access_token)).client_id, 'signed-service');

    const assertion = await new jose.SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: 'svc-1' })
      .setIssuer('signed-service')
      .setSubject('signed-service')
      .setAudience(server.issuer)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(privateKey);
    const grant = (clientAssertion: string) =>
      fetch(`${server.issuer}/access_token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: clientAssertion }),
      });
    const first = await grant(assertion);
    assert.equal(first.status, 200, await first.clone().text());
    const replayed = await grant(assertion);
    assert.equal(replayed.status, 401);
    assert.equal(((await replayed.json()) as { error: string }).error, 'invalid_client');

    const stranger = await jose.generateKeyPair('ES256');
    const foreign = await oidc.discovery(new URL(server.issuer), 'signed-service', undefined, oidc.PrivateKeyJwt({ key: stranger.privateKey, kid: 'svc-1' }), insecure);
    await assert.rejects(oidc.clientCredentialsGrant(foreign, { scope: 'read' }), oauthError('invalid_client'));
  });

  it('max_age=0 sends a signed-in user through the journey again before a code', async () => {
    const first = await signIn(server.baseUrl, 'ines', PASSWORD);
    // max_age counts whole seconds (auth_time): a sign-in this same second would still be 0 s old.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const browser = server.browserWith(first);
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(web, { redirect_uri: REDIRECT, scope: 'openid', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, max_age: '0' });
    const asked = await browser.follow(url.href);
    assert.equal(asked.location, undefined, 'no code on the existing session');
    const login = new URL(asked.visited.at(-1) ?? '', server.baseUrl);
    assert.equal(login.pathname, '/login');
    await asked.response.body?.cancel();

    // The journey runs again, and only then a code.
    const before = Math.floor(Date.now() / 1000);
    browser.cookies.set(server.cookieName, await signIn(server.baseUrl, 'ines', PASSWORD));
    const back = await browser.follow(login.searchParams.get('goto') ?? assert.fail('no goto'));
    const tokens = await oidc.authorizationCodeGrant(web, back.location ?? assert.fail(`no redirect: ${back.visited.join(' → ')}`), { pkceCodeVerifier: verifier, expectedState: state, maxAge: 0 });
    assert.ok(Number(tokens.claims()?.auth_time) >= before, 'auth_time is the new sign-in, not the first one (over a second older)');
  });

  it('answers bad token requests with OAuth error bodies, never a 500', async () => {
    const token = await signIn(server.baseUrl, 'ines', PASSWORD);
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(web, { redirect_uri: REDIRECT, scope: 'openid', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, prompt: 'none' });
    const answer = await server.browserWith(token).follow(url.href);
    const code = answer.location?.searchParams.get('code') ?? assert.fail('no code');

    const basic = `Basic ${Buffer.from(`web:${WEB_SECRET}`).toString('base64')}`;
    const post = async (body: Record<string, string> | string, headers: Record<string, string> = { authorization: basic }) => {
      const response = await fetch(`${server.issuer}/access_token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: typeof body === 'string' ? body : new URLSearchParams(body) });
      const json = (await response.json()) as { error?: unknown; error_description?: unknown };
      return { status: response.status, error: json.error, description: json.error_description };
    };
    const wrongVerifier = await post({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: oidc.randomPKCECodeVerifier() });
    assert.deepEqual([wrongVerifier.status, wrongVerifier.error], [400, 'invalid_grant']);

    const cases: [string, Record<string, string> | string, Record<string, string> | undefined, number, string][] = [
      ['unknown client', { grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'whatever-secret' }, {}, 401, 'invalid_client'],
      ['wrong secret', { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier }, { authorization: `Basic ${Buffer.from('web:not-the-secret').toString('base64')}` }, 401, 'invalid_client'],
      ['no grant_type', { code }, undefined, 400, 'invalid_request'],
      // oidc-provider's answer (not RFC 6749's unauthorized_client): "requested grant type is not allowed for this client".
      ['a grant the client lacks', { grant_type: 'client_credentials' }, undefined, 400, 'invalid_request'],
      ['an unsupported grant', { grant_type: 'password', username: 'ines', password: PASSWORD }, undefined, 400, 'unsupported_grant_type'],
      ['a made-up code', { grant_type: 'authorization_code', code: 'x'.repeat(43), redirect_uri: REDIRECT, code_verifier: verifier }, undefined, 400, 'invalid_grant'],
      ['a parameter twice', 'grant_type=authorization_code&grant_type=refresh_token', undefined, 400, 'invalid_request'],
      ['a body that is not a form', '%%%\u0000', undefined, 400, 'invalid_request'],
    ];
    for (const [what, body, headers, status, error] of cases) {
      const got = await post(body, headers);
      assert.deepEqual([got.status, got.error], [status, error], what);
      assert.equal(typeof got.description, 'string', `${what}: a description`);
    }
    const json = await fetch(`${server.issuer}/access_token`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: basic }, body: '{"grant_type":"client_credentials"' });
    assert.ok(json.status >= 400 && json.status < 500, `a JSON body: ${json.status}`);
    assert.equal(typeof ((await json.json()) as { error?: unknown }).error, 'string');

  });
});
