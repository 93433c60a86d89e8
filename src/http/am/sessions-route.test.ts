/** Sessions, serverinfo and health over HTTP: AM's answers for validate, getSessionInfo, refresh and logout. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { inMemoryPlatform } from '../../platform/testing/in-memory-platform.ts';

const SESSIONS = '/am/json/realms/root/realms/alpha/sessions';

describe('sessions, serverinfo and health', () => {
  let arbor: TestPlatform;
  const signIn = async (): Promise<string> => {
    const response = await arbor.app.inject({
      method: 'POST',
      url: '/am/json/realms/root/authenticate?authIndexType=service&authIndexValue=Login',
      headers: { 'x-openam-username': 'dave', 'x-openam-password': 'Secret-Passw0rd' },
    });
    assert.equal(response.statusCode, 200, response.body);
    const { tokenId } = response.json<{ tokenId?: unknown }>();
    assert.equal(typeof tokenId, 'string', `no session: ${response.body}`);
    return String(tokenId);
  };
  const action = (name: string, options: { body?: unknown; headers?: Record<string, string> } = {}) =>
    arbor.app.inject({ method: 'POST', url: `${SESSIONS}/?_action=${name}`, headers: { 'content-type': 'application/json', ...options.headers }, ...(options.body === undefined ? {} : { payload: JSON.stringify(options.body) }) });

  before(async () => {
    arbor = await inMemoryPlatform({ ARBOR_CORS_ORIGINS: 'https://app.example' });
    // Root's Login has no progressive-profile step: every sign-in ends in a session.
    await arbor.identity.createUser('user', { userName: 'dave', password: 'Secret-Passw0rd', givenName: 'Dave', sn: 'Doe', mail: 'dave@example.com' });
  });
  after(async () => arbor?.close());

  it('validate accepts the token from the body, the cookie or the header named after the cookie', async () => {
    const token = await signIn();
    for (const options of [{ body: { tokenId: token } }, { headers: { cookie: `iPlanetDirectoryPro=${token}` } }, { headers: { iplanetdirectorypro: token } }]) {
      const body = (await action('validate', options)).json<Record<string, unknown>>();
      assert.equal(body.valid, true);
      assert.equal(body.uid, 'dave');
      assert.equal(body.realm, '/');
    }
    assert.deepEqual((await action('validate', { body: { tokenId: 'forged' } })).json(), { valid: false });
    assert.deepEqual((await action('validate')).json(), { valid: false });
  });

  it('getSessionInfo answers AM’s fields; idle and maximum lifetimes end the session', async () => {
    const token = await signIn();
    const info = (await action('getSessionInfo', { body: { tokenId: token } })).json<Record<string, unknown>>();
    assert.equal(info.username, 'dave');
    assert.equal(info.realm, '/');
    for (const field of ['latestAccessTime', 'maxIdleExpirationTime', 'maxSessionExpirationTime']) assert.match(String(info[field]), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    arbor.clock.advance(29 * 60_000);
    assert.equal((await action('refresh', { body: { tokenId: token } })).statusCode, 200, 'refresh resets the idle timer');
    arbor.clock.advance(29 * 60_000);
    assert.equal((await action('validate', { body: { tokenId: token } })).json<{ valid: boolean }>().valid, true, 'still alive: refreshed 29 minutes ago');
    arbor.clock.advance(31 * 60_000);
    assert.equal((await action('validate', { body: { tokenId: token } })).json<{ valid: boolean }>().valid, false, 'idle for 31 minutes');
    const second = await signIn();
    for (let i = 0; i < 5; i++) {
      arbor.clock.advance(25 * 60_000);
      await action('refresh', { body: { tokenId: second } });
    }
    assert.equal((await action('validate', { body: { tokenId: second } })).json<{ valid: boolean }>().valid, false, 'past the 120-minute maximum despite refreshes');
    assert.equal((await action('getSessionInfo', { body: { tokenId: second } })).statusCode, 401);
  });

  it('logout ends the session everywhere and clears the cookie; a second logout is 401 Access Denied', async () => {
    const token = await signIn();
    const out = await action('logout', { headers: { cookie: `iPlanetDirectoryPro=${token}` } });
    assert.equal(out.statusCode, 200);
    assert.deepEqual(out.json(), { result: 'Successfully logged out' });
    assert.match(String(out.headers['set-cookie']), /^iPlanetDirectoryPro=; .*Max-Age=0/);
    assert.deepEqual((await action('validate', { body: { tokenId: token } })).json(), { valid: false });
    const again = await action('logout', { body: { tokenId: token } });
    assert.equal(again.statusCode, 401);
    assert.deepEqual(again.json(), { code: 401, reason: 'Unauthorized', message: 'Access Denied' });
  });

  it('getSessionInfo and getSessionProperties show the journey’s properties and auth level; AM’s own win', async () => {
    const settings = { maxIdleMinutes: 30, maxSessionMinutes: 120 };
    const { tokenId, session } = await arbor.sessions.create(
      { realm: 'alpha', userId: 'u-1', username: 'erin', userType: 'alpha_user', authLevel: 10, tree: 'Login', properties: { department: 'sales', AMCtxId: 'forged', AuthLevel: '99' } },
      settings,
    );
    const info = (await action('getSessionInfo', { body: { tokenId } })).json<Record<string, unknown>>();
    assert.equal(info.authLevel, 10);
    assert.deepEqual(info.properties, { department: 'sales', AMCtxId: session.handle, AuthLevel: '10' });
    assert.deepEqual((await action('getSessionProperties', { body: { tokenId } })).json(), { department: 'sales', AMCtxId: session.handle, AuthLevel: '10' });
    assert.equal((await action('getSessionProperties', { body: { tokenId: 'forged' } })).statusCode, 401);
  });

  it('an unknown or missing _action is a 400 naming the actions', async () => {
    assert.match((await action('explode')).json<{ message: string }>().message, /Unknown _action explode/);
    const none = await arbor.app.inject({ method: 'POST', url: SESSIONS });
    assert.equal(none.statusCode, 400);
  });

  it('serverinfo tells the cookie name; health answers', async () => {
    const info = await arbor.app.inject({ method: 'GET', url: '/am/json/serverinfo/*' });
    assert.equal(info.json<{ cookieName: string }>().cookieName, 'iPlanetDirectoryPro');
    assert.equal((await arbor.app.inject({ method: 'GET', url: '/health/live' })).statusCode, 200);
    assert.deepEqual((await arbor.app.inject({ method: 'GET', url: '/health/ready' })).json(), { status: 'UP' });
    const missing = await arbor.app.inject({ method: 'GET', url: '/nothing/here' });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json<{ reason: string }>().reason, 'Not Found');
  });

  it('allows credentialed CORS from configured origins with the SDK headers', async () => {
    const preflight = await arbor.app.inject({
      method: 'OPTIONS',
      url: '/am/json/realms/root/realms/alpha/authenticate',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'accept-api-version,x-requested-with,content-type' },
    });
    assert.equal(preflight.statusCode, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], 'https://app.example');
    assert.equal(preflight.headers['access-control-allow-credentials'], 'true');
    assert.match(String(preflight.headers['access-control-allow-headers']), /accept-api-version/);
  });
});
