import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../../engine/actions.ts';
import { runNode, TEST_NODE_ID } from '../../engine/node-testing.ts';
import { persistentCookieDecisionNode } from './persistent-cookie-decision-node.ts';
import { persistentCookieServices, runSessionHook, sealedKey } from './persistent-cookie-testing.ts';
import { setPersistentCookieNode } from './set-persistent-cookie-node.ts';

const KEY = 'c2VjcmV0LWhtYWMta2V5LW9mLXRoZS10ZXN0cw==';
const SET_ID = '5b9a3f0e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
const ann = { _id: 'u-ann', attributes: { userName: 'ann', mail: 'ann@example.com' } };
const cookieJar = (jar: Record<string, string>) => ({ cookie: (name: string) => (Object.hasOwn(jar, name) ? jar[name] : undefined) });

/** A cookie issued by a Set Persistent Cookie node for ann, with `config` over the defaults. */
async function issue(config: Record<string, unknown> = {}) {
  const fixture = await persistentCookieServices([ann]);
  const { action, session } = await runNode(setPersistentCookieNode, { services: fixture.services, nodeId: SET_ID, config: { hmacSigningKey: sealedKey(KEY, 'SetPersistentCookieNode', SET_ID), ...config } });
  const [hook] = session.sessionHooks ?? [];
  assert.ok(hook);
  const cookies = await runSessionHook(setPersistentCookieNode, hook, fixture.services, { userId: ann._id, username: 'ann' });
  return { ...fixture, action, session, cookies };
}

/** Runs the decision node with `cookie` as session-jwt, its key `key`. */
function decide(services: Awaited<ReturnType<typeof issue>>['services'], cookie: string | undefined, options: { key?: string; config?: Record<string, unknown>; clientIp?: string } = {}) {
  return runNode(persistentCookieDecisionNode, {
    services,
    config: { hmacSigningKey: sealedKey(options.key ?? KEY, 'PersistentCookieDecisionNode', TEST_NODE_ID), ...options.config },
    request: { ...cookieJar(cookie === undefined ? {} : { 'session-jwt': cookie }), ...(options.clientIp === undefined ? {} : { clientIp: options.clientIp }) },
  });
}

describe('SetPersistentCookieNode', () => {
  it('sets nothing itself: once the session exists, its hook issues session-jwt, Secure and HttpOnly by default (outcome)', async () => {
    const { action, session, cookies } = await issue();
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(session.cookies, []);
    assert.equal(cookies.length, 1);
    const [cookie] = cookies;
    assert.equal(cookie?.name, 'session-jwt');
    assert.equal(cookie?.maxAgeSeconds, 5 * 3600);
    assert.equal(cookie?.secure, true);
    assert.equal(cookie?.httpOnly, true);
    assert.match(cookie?.value ?? '', /^[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.ok(!cookie?.value.includes(KEY), 'the token does not carry the key');
  });

  it('keeps the flags, name and lifetimes configured', async () => {
    const { cookies } = await issue({ persistentCookieName: 'remember-me', useSecureCookie: false, useHttpOnlyCookie: false, maxLife: 48, idleTimeout: 2 });
    assert.deepEqual({ ...cookies[0], value: '' }, { name: 'remember-me', value: '', maxAgeSeconds: 48 * 3600, path: '/', secure: false, httpOnly: false });
  });

  it('fails the journey without a key', async () => {
    const { services } = await persistentCookieServices();
    await assert.rejects(runNode(setPersistentCookieNode, { services, config: {} }), /no HMAC signing key/);
  });
});

describe('PersistentCookieDecisionNode', () => {
  it('identifies the user of a valid cookie and renews its idle expiry once the session exists (true)', async () => {
    const { cookies, services, test } = await issue({ idleTimeout: 1, maxLife: 10 });
    const token = cookies[0]?.value;
    test.clock.advance(30 * 60_000);
    const { action, state, session } = await decide(services, token, { config: { idleTimeout: 1 } });
    assert.deepEqual(action, goTo('true'));
    assert.equal(state.shared.username, 'ann');
    assert.equal(state.shared._id, 'u-ann');
    const [hook] = session.sessionHooks ?? [];
    assert.ok(hook);
    const renewed = await runSessionHook(persistentCookieDecisionNode, hook, services, { userId: 'u-ann', username: 'ann' });
    // The maximum life stays where it was: 10 hours from the first sign-in, half an hour ago.
    assert.equal(renewed[0]?.maxAgeSeconds, 10 * 3600 - 30 * 60);
    // Idle for 50 minutes after the renewal: still good (the first token's idle hour would be over).
    test.clock.advance(50 * 60_000);
    assert.deepEqual((await decide(services, renewed[0]?.value)).action, goTo('true'));
    assert.deepEqual((await decide(services, token)).action, goTo('false'));
  });

  it('is false with no cookie, a tampered one, another key, or once idle or past its maximum life', async () => {
    const { cookies, services, test } = await issue({ idleTimeout: 1, maxLife: 2 });
    const token = cookies[0]?.value ?? '';
    assert.deepEqual((await decide(services, undefined)).action, goTo('false'));
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'u-bob' })).toString('base64url');
    assert.deepEqual((await decide(services, `${header}.${forged}.${signature}`)).action, goTo('false'));
    assert.deepEqual((await decide(services, `${token.slice(0, -2)}AA`)).action, goTo('false'));
    assert.deepEqual((await decide(services, token, { key: 'another-key' })).action, goTo('false'));
    const { state } = await decide(services, token, { key: 'another-key' });
    assert.equal(state.shared.username, undefined);
    test.clock.advance(61 * 60_000);
    assert.deepEqual((await decide(services, token)).action, goTo('false'));
  });

  it('is false from another address when the node enforces the client address', async () => {
    const { cookies, services } = await issue();
    const token = cookies[0]?.value;
    assert.deepEqual((await decide(services, token, { config: { enforceClientIp: true }, clientIp: '192.0.2.7' })).action, goTo('false'));
    assert.deepEqual((await decide(services, token, { config: { enforceClientIp: true } })).action, goTo('true'));
  });

  it('is false when the user no longer exists', async () => {
    const { cookies, services, test } = await issue();
    await test.store.managedObjects.delete('alpha_user', 'u-ann');
    assert.deepEqual((await decide(services, cookies[0]?.value)).action, goTo('false'));
  });
});
