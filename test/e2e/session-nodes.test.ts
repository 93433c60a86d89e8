/**
 * The session, auth level and cookie nodes through the ForgeRock SDK on a real server: a sign-in
 * journey with Set Session Properties, Modify Auth Level (+10), Set Custom Cookie and Set
 * Persistent Cookie succeeds; `getSessionInfo` shows the property and the auth level; the custom
 * and persistent cookies come with the answers, flags as configured; then a journey with only a
 * Persistent Cookie Decision node signs the user in with that cookie alone (no password), and a
 * tampered cookie ends it at `false`. The journey pages send the cookies nodes set too, and no
 * node can write a cookie named as the session cookie.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FRAuth } from '@forgerock/javascript-sdk';
import { addUser, asFailure, asSuccess, buildJourney, importJourneyJson, startStep, submitCredentials, useTree } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';

const PASSWORD = 'Secret-Passw0rd';
const HMAC_KEY = 'dGhlLXNlc3Npb24tbm9kZXMtdGVzdC1obWFjLWtleQ==';

const signInJourney = buildJourney('SessionNodes', 'managed/alpha_user', [
  {
    key: 'page',
    type: 'PageNode',
    config: { pageHeader: { en: 'Sign In' }, pageDescription: {}, stage: '' },
    children: [{ key: 'name', type: 'UsernameCollectorNode' }, { key: 'password', type: 'PasswordCollectorNode' }],
    connections: { outcome: 'check' },
  },
  { key: 'check', type: 'DataStoreDecisionNode', connections: { true: 'properties', false: 'failure' } },
  { key: 'properties', type: 'SetSessionPropertiesNode', config: { properties: { department: 'sales' } }, connections: { outcome: 'level' } },
  { key: 'level', type: 'ModifyAuthLevelNode', config: { authLevelIncrement: 10 }, connections: { outcome: 'custom' } },
  {
    key: 'custom',
    type: 'SetCustomCookieNode',
    config: { name: 'visited', value: 'yes', maxAge: 3600, path: '/', useSecureCookie: true, useHttpOnlyCookie: true, sameSite: 'STRICT' },
    connections: { outcome: 'persistent' },
  },
  { key: 'persistent', type: 'SetPersistentCookieNode', config: { idleTimeout: 2, maxLife: 24, useSecureCookie: false, useHttpOnlyCookie: true, hmacSigningKey: HMAC_KEY, persistentCookieName: 'session-jwt' }, connections: { outcome: 'success' } },
]);

const cookieJourney = buildJourney('PersistentSignIn', 'managed/alpha_user', [
  { key: 'decision', type: 'PersistentCookieDecisionNode', config: { idleTimeout: 2, useSecureCookie: false, useHttpOnlyCookie: true, hmacSigningKey: HMAC_KEY, persistentCookieName: 'session-jwt' }, connections: { true: 'success', false: 'failure' } },
]);

/** A custom cookie before the first page, and a node trying to overwrite the session cookie (dropped). */
const pageCookieJourney = buildJourney('CookiePage', 'managed/alpha_user', [
  { key: 'custom', type: 'SetCustomCookieNode', config: { name: 'seen-page', value: 'v1', path: '/login' }, connections: { outcome: 'hijack' } },
  { key: 'hijack', type: 'SetCustomCookieNode', config: { name: 'iPlanetDirectoryPro', value: 'forged' }, connections: { outcome: 'page' } },
  { key: 'page', type: 'PageNode', config: { pageHeader: { en: 'Sign In' }, pageDescription: {} }, children: [{ type: 'UsernameCollectorNode' }], connections: { outcome: 'success' } },
]);

/** The `Set-Cookie` headers of every answer while `run` runs (Node's fetch shows them; it keeps no cookie jar). */
async function capturingSetCookies<T>(run: () => Promise<T>): Promise<{ result: T; setCookies: string[] }> {
  const original = globalThis.fetch;
  const setCookies: string[] = [];
  globalThis.fetch = async (...args: Parameters<typeof fetch>) => {
    const response = await original(...args);
    setCookies.push(...response.headers.getSetCookie());
    return response;
  };
  try {
    return { result: await run(), setCookies };
  } finally {
    globalThis.fetch = original;
  }
}

async function sessionAction(server: TestServer, action: string, tokenId: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${server.baseUrl}/am/json/realms/root/realms/alpha/sessions?_action=${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-api-version': 'resource=2.1, protocol=1.0' },
    body: JSON.stringify({ tokenId }),
  });
  assert.equal(response.status, 200);
  return (await response.json()) as Record<string, unknown>;
}

function cookieNamed(setCookies: string[], name: string): string | undefined {
  return setCookies.find((header) => header.startsWith(`${name}=`));
}

describe('session, auth level and cookie nodes through the ForgeRock SDK', () => {
  let server: TestServer;
  let persistent: string;

  before(async () => {
    server = await startTestServer();
    await addUser(server, 'alpha', 'sofia', PASSWORD);
    const imported = await importJourneyJson(server, { trees: { SessionNodes: signInJourney, PersistentSignIn: cookieJourney, CookiePage: pageCookieJourney } }, 'alpha');
    assert.equal(imported.code, 0, imported.err);
  });

  it('keeps the HMAC key out of exports (it is stored sealed)', async () => {
    const exported = await server.cli(['journey', 'export', 'SessionNodes', 'PersistentSignIn', '--realm', 'alpha']);
    assert.equal(exported.code, 0, exported.err);
    assert.match(exported.out, /SetPersistentCookieNode/);
    assert.doesNotMatch(exported.out, /hmacSigningKey|dGhlLXNlc3Npb24/);
  });

  after(async () => {
    await server.close();
  });

  it('signs in with the session property, auth level 10, the custom cookie and the persistent cookie', async () => {
    useTree(server, 'SessionNodes');
    const { result, setCookies } = await capturingSetCookies(async () => submitCredentials(await startStep(), 'sofia', PASSWORD));
    const success = asSuccess(result);
    const token = success.getSessionToken();
    assert.ok(token !== undefined);

    const info = await sessionAction(server, 'getSessionInfo', token);
    assert.equal(info.username, 'sofia');
    assert.equal(info.authLevel, 10);
    const properties = info.properties as Record<string, unknown>;
    assert.equal(properties.department, 'sales');
    assert.equal(properties.AuthLevel, '10');
    assert.equal(typeof properties.AMCtxId, 'string');
    const only = await sessionAction(server, 'getSessionProperties', token);
    assert.equal(only.department, 'sales');

    assert.equal(cookieNamed(setCookies, 'visited'), 'visited=yes; Max-Age=3600; Path=/; Secure; HttpOnly; SameSite=Strict');
    const jwt = cookieNamed(setCookies, 'session-jwt');
    assert.ok(jwt !== undefined, `no persistent cookie in ${JSON.stringify(setCookies)}`);
    assert.match(jwt, /^session-jwt=[\w-]+\.[\w-]+\.[\w-]+; Max-Age=86400; Path=\/; HttpOnly$/, 'HttpOnly, not Secure, as configured');
    assert.ok(!jwt.includes(HMAC_KEY));
    assert.ok(cookieNamed(setCookies, 'iPlanetDirectoryPro') !== undefined, 'the session cookie is still set');
    persistent = jwt.slice('session-jwt='.length).split(';')[0] ?? '';
  });

  it('signs in again with the persistent cookie alone, no password, and renews it', async () => {
    useTree(server, 'PersistentSignIn', { headers: { cookie: `session-jwt=${persistent}` } });
    const { result, setCookies } = await capturingSetCookies(() => FRAuth.next());
    const success = asSuccess(result);
    const token = success.getSessionToken();
    assert.ok(token !== undefined);
    const info = await sessionAction(server, 'getSessionInfo', token);
    assert.equal(info.username, 'sofia');
    assert.ok(cookieNamed(setCookies, 'session-jwt') !== undefined, 'the cookie is issued again with a new idle expiry');
  });

  it('logging out forgets the persistent cookie the browser holds for that user (and only that user’s)', async () => {
    useTree(server, 'PersistentSignIn', { headers: { cookie: `session-jwt=${persistent}` } });
    const token = asSuccess(await FRAuth.next()).getSessionToken();
    assert.ok(token !== undefined);
    const [header = '', payload = '', signature = ''] = persistent.split('.');
    const someoneElse = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')), sub: 'another-user', name: 'other-jwt' })).toString('base64url')}.${signature}`;
    const logout = await fetch(`${server.baseUrl}/am/json/realms/root/realms/alpha/sessions?_action=logout`, {
      method: 'POST',
      headers: { 'accept-api-version': 'resource=3.1, protocol=1.0', iPlanetDirectoryPro: token, cookie: `session-jwt=${persistent}; other-jwt=${someoneElse}; theme=dark` },
    });
    assert.equal(logout.status, 200, await logout.text());
    const cleared = logout.headers.getSetCookie();
    assert.match(cookieNamed(cleared, 'session-jwt') ?? '', /^session-jwt=; Path=\/; HttpOnly; Max-Age=0/);
    assert.equal(cookieNamed(cleared, 'other-jwt'), undefined, 'another user’s cookie is not this logout’s to clear');
    assert.equal(cookieNamed(cleared, 'theme'), undefined);
  });

  it('a tampered persistent cookie ends at false', async () => {
    const [header, payload = '', signature] = persistent.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, exp: Number(claims.exp) + 86_400 })).toString('base64url');
    useTree(server, 'PersistentSignIn', { headers: { cookie: `session-jwt=${header}.${forged}.${signature}` } });
    const failure = asFailure(await FRAuth.next());
    assert.equal(failure.getCode(), 401);
    useTree(server, 'PersistentSignIn', { headers: { cookie: 'other=1' } });
    assert.equal(asFailure(await FRAuth.next()).getCode(), 401);
  });

  it('the journey pages send the cookies nodes set, never one named as the session cookie', async () => {
    const page = await fetch(`${server.baseUrl}/login?realm=/alpha&journey=CookiePage`, { redirect: 'manual' });
    assert.equal(page.status, 200, await page.text());
    const setCookies = page.headers.getSetCookie();
    assert.equal(cookieNamed(setCookies, 'seen-page'), 'seen-page=v1; Path=/login; SameSite=Lax');
    assert.equal(cookieNamed(setCookies, 'iPlanetDirectoryPro'), undefined);
    const rest = await fetch(`${server.baseUrl}/am/json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=CookiePage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-api-version': 'resource=2.1, protocol=1.0' },
      body: '{}',
    });
    assert.equal(rest.status, 200);
    assert.deepEqual(rest.headers.getSetCookie(), ['seen-page=v1; Path=/login; SameSite=Lax']);
    assert.equal('cookies' in ((await rest.json()) as Record<string, unknown>), false, 'the step body carries no cookies');
  });
});
