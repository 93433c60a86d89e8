/**
 * AM's native-SDK form on a real Arbor, as Frodo and the Android SDK post it: `POST …/authorize`
 * with `decision=allow`, `csrf=<tokenId>`, the authorization parameters, the session cookie and
 * `Accept-API-Version: protocol=2.1,resource=1.0`. With the session's token as csrf the answer is
 * a 302 to the redirect URI with the code (for a client without implied consent, and the code
 * works at the token endpoint); a wrong or missing csrf, or no session, gives an OAuth error and
 * no code (so does a form too large to read); `decision` other than allow is `access_denied`; an unknown client is the provider's 400.
 * Also the constant-time check itself.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as oidc from 'openid-client';
import { COOKIE, type ConsentTestServer, startConsentTestServer } from './consent-test-server.ts';
import { sameToken } from './decision-form.ts';

const REDIRECT = 'com.example.app:/oauth2redirect';

describe('AM’s native decision form', () => {
  let server: ConsentTestServer;
  let token = '';
  let userId = '';

  before(async () => {
    server = await startConsentTestServer();
    await server.putClient('android', { clientType: 'Public', redirectionUris: [REDIRECT], scopes: ['openid', 'profile', 'email'] }, { grantTypes: ['authorization_code'], tokenEndpointAuthMethod: 'none', isConsentImplied: false });
    userId = await server.createUser('frodo');
    token = await server.signIn('frodo');
  });
  after(async () => server?.close());

  /** Posts the form as the native SDKs do; `fields` replace or add form fields. */
  async function post(fields: Record<string, string | undefined>, cookie: string | null = token): Promise<{ response: Response; verifier: string; state: string }> {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const form: Record<string, string | undefined> = {
      client_id: 'android',
      redirect_uri: REDIRECT,
      response_type: 'code',
      scope: 'openid profile',
      state,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      decision: 'allow',
      csrf: token,
      ...fields,
    };
    const body = new URLSearchParams(Object.entries(form).filter((entry): entry is [string, string] => entry[1] !== undefined)).toString();
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', 'accept-api-version': 'protocol=2.1,resource=1.0' };
    if (cookie !== null) headers.cookie = `${COOKIE}=${cookie}`;
    const response = await fetch(`${server.issuer}/authorize`, { method: 'POST', headers, body, redirect: 'manual' });
    return { response, verifier, state };
  }

  const locationOf = (response: Response): URL => new URL(response.headers.get('location') ?? assert.fail(`no redirect: ${response.status}`));

  it('answers decision=allow with the session’s token as AM does: 302 to the redirect URI with the code', async () => {
    const { response, verifier, state } = await post({});
    assert.equal(response.status, 302);
    const location = locationOf(response);
    assert.equal(`${location.protocol}${location.pathname}`, REDIRECT);
    assert.equal(location.searchParams.get('state'), state);
    assert.ok(location.searchParams.get('code'));
    const app = await oidc.discovery(new URL(server.issuer), 'android', undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
    const tokens = await oidc.authorizationCodeGrant(app, location, { pkceCodeVerifier: verifier, expectedState: state });
    assert.equal(tokens.claims()?.sub, userId);
    assert.deepEqual(tokens.scope?.split(' ').sort(), ['openid', 'profile']);
  });

  it('takes the parameters from the query too', async () => {
    const verifier = oidc.randomPKCECodeVerifier();
    const query = new URLSearchParams({ client_id: 'android', redirect_uri: REDIRECT, response_type: 'code', scope: 'openid', state: 's-1', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' });
    const response = await fetch(`${server.issuer}/authorize?${query.toString()}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `${COOKIE}=${token}` },
      body: new URLSearchParams({ decision: 'allow', csrf: token }).toString(),
      redirect: 'manual',
    });
    assert.ok(locationOf(response).searchParams.get('code'), locationOf(response).href);
  });

  it('gives no code for a wrong or missing csrf, or without a session', async () => {
    for (const csrf of [`${token}x`, undefined, '']) {
      const { response } = await post({ csrf });
      const location = locationOf(response);
      assert.equal(location.searchParams.get('code'), null, `csrf ${String(csrf)}`);
      assert.equal(location.searchParams.get('error'), 'access_denied');
    }
    const other = await server.signIn('frodo');
    const { response: anotherSession } = await post({ csrf: other });
    assert.equal(locationOf(anotherSession).searchParams.get('error'), 'access_denied', 'the csrf of another session');
    const { response: tooLarge } = await post({ filler: 'x'.repeat(100 * 1024) });
    assert.equal(tooLarge.status, 400, 'a form larger than 56 KiB is not read: its parameters are missing');
    assert.equal(tooLarge.headers.get('location'), null);
    assert.match(await tooLarge.text(), /invalid_request/);
    const { response: noSession } = await post({}, null);
    assert.equal(locationOf(noSession).searchParams.get('code'), null);
    assert.equal(locationOf(noSession).searchParams.get('error'), 'login_required', locationOf(noSession).href);
  });

  it('answers another decision with access_denied, and an unknown client with the provider’s 400', async () => {
    const { response } = await post({ decision: 'deny' });
    assert.equal(locationOf(response).searchParams.get('error'), 'access_denied');
    const { response: unknown } = await post({ client_id: 'nobody' });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.headers.get('location'), null);
    assert.match(await unknown.text(), /invalid_client/);
  });

  it('compares the csrf with the session token exactly', () => {
    assert.equal(sameToken('abc', 'abc'), true);
    assert.equal(sameToken('abd', 'abc'), false);
    assert.equal(sameToken('abcd', 'abc'), false);
    assert.equal(sameToken('', ''), false);
  });
});
