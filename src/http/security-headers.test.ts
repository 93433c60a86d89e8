/**
 * Item 14: the session cookie is `Secure` by default behind an https `ARBOR_PUBLIC_URL`, and every
 * answer carries the security headers a JSON API needs, read over real HTTP from a listening Arbor.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadServerSettings } from '../config/server-settings.ts';
import type { TestPlatform } from '../platform/testing/in-memory-platform.ts';
import { inMemoryPlatform } from '../platform/testing/in-memory-platform.ts';

const ADMIN = { 'x-openidm-username': 'amadmin', 'x-openidm-password': 'Admin-Passw0rd!' };
const ROOT = '/am/json/realms/root';

async function listening(env: Record<string, string>): Promise<{ arbor: TestPlatform; baseUrl: string }> {
  const arbor = await inMemoryPlatform(env);
  await arbor.app.listen({ port: 0, host: '127.0.0.1' });
  const address = arbor.app.server.address();
  assert.ok(address !== null && typeof address === 'object');
  return { arbor, baseUrl: `http://127.0.0.1:${address.port}` };
}

async function signInCookie(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}${ROOT}/authenticate?authIndexType=service&authIndexValue=Login`, {
    method: 'POST',
    headers: { 'x-openam-username': 'amadmin', 'x-openam-password': 'Admin-Passw0rd!' },
  });
  assert.equal(response.status, 200, await response.text());
  const cookie = response.headers.get('set-cookie');
  assert.ok(cookie !== null);
  return cookie;
}

/** One request of each kind an attacker or a browser could make: steps, successes, failures, errors, reads, preflights. */
const REQUESTS: { name: string; method: string; path: string; headers?: Record<string, string>; body?: string; personal: boolean }[] = [
  { name: 'authenticate step', method: 'POST', path: `${ROOT}/realms/alpha/authenticate?authIndexType=service&authIndexValue=Login`, personal: true },
  { name: 'authenticate success', method: 'POST', path: `${ROOT}/authenticate`, headers: { 'x-openam-username': 'amadmin', 'x-openam-password': 'Admin-Passw0rd!' }, personal: true },
  { name: 'authenticate failure', method: 'POST', path: `${ROOT}/authenticate`, headers: { 'x-openam-username': 'amadmin', 'x-openam-password': 'wrong' }, personal: true },
  { name: 'sessions validate', method: 'POST', path: `${ROOT}/sessions?_action=validate`, headers: { 'content-type': 'application/json' }, body: '{"tokenId":"nope"}', personal: true },
  { name: 'IDM query', method: 'GET', path: '/openidm/managed/user?_queryFilter=true', headers: ADMIN, personal: true },
  { name: 'IDM info/login', method: 'GET', path: '/openidm/info/login', headers: ADMIN, personal: true },
  { name: 'IDM config', method: 'GET', path: '/openidm/config/managed', headers: ADMIN, personal: true },
  { name: 'malformed JSON', method: 'POST', path: `${ROOT}/authenticate`, headers: { 'content-type': 'application/json' }, body: '{', personal: false },
  { name: 'not found', method: 'GET', path: '/nope', personal: false },
  { name: 'health', method: 'GET', path: '/health/live', personal: false },
  { name: 'public terms', method: 'GET', path: '/openidm/selfservice/terms', personal: false },
];

describe('security headers and the Secure cookie over HTTP', () => {
  describe('behind an https ARBOR_PUBLIC_URL', () => {
    let baseUrl = '';
    let arbor: TestPlatform | undefined;
    before(async () => {
      ({ arbor, baseUrl } = await listening({ ARBOR_PUBLIC_URL: 'https://id.example.com' }));
    });
    after(async () => arbor?.close());

    it('marks the session cookie Secure without ARBOR_SECURE_COOKIE', async () => {
      assert.match(await signInCookie(baseUrl), /; Secure(;|$)/);
    });

    it('answers every request with nosniff, no-referrer, no framing, HSTS and no-store', async () => {
      for (const request of REQUESTS) {
        const response = await fetch(`${baseUrl}${request.path}`, { method: request.method, headers: request.headers ?? {}, ...(request.body === undefined ? {} : { body: request.body }) });
        const header = (name: string) => response.headers.get(name);
        assert.equal(header('x-content-type-options'), 'nosniff', request.name);
        assert.equal(header('referrer-policy'), 'no-referrer', request.name);
        assert.equal(header('x-frame-options'), 'DENY', request.name);
        assert.match(header('content-security-policy') ?? '', /frame-ancestors 'none'/, request.name);
        assert.match(header('strict-transport-security') ?? '', /^max-age=31536000; includeSubDomains$/, request.name);
        if (request.personal) assert.equal(header('cache-control'), 'no-store', request.name);
      }
    });

    it('answers a CORS preflight with the same headers', async () => {
      const response = await fetch(`${baseUrl}${ROOT}/authenticate`, { method: 'OPTIONS', headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' } });
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(response.headers.get('x-frame-options'), 'DENY');
    });
  });

  describe('with ARBOR_SECURE_COOKIE=false behind https', () => {
    let baseUrl = '';
    let arbor: TestPlatform | undefined;
    before(async () => {
      ({ arbor, baseUrl } = await listening({ ARBOR_PUBLIC_URL: 'https://id.example.com', ARBOR_SECURE_COOKIE: 'false' }));
    });
    after(async () => arbor?.close());

    it('leaves Secure out: the explicit setting wins', async () => {
      assert.doesNotMatch(await signInCookie(baseUrl), /Secure/);
    });
  });

  describe('behind an http ARBOR_PUBLIC_URL', () => {
    let baseUrl = '';
    let arbor: TestPlatform | undefined;
    before(async () => {
      ({ arbor, baseUrl } = await listening({ ARBOR_PUBLIC_URL: 'http://localhost:8080' }));
    });
    after(async () => arbor?.close());

    it('sends no Secure and no HSTS (a browser would drop both over http), and still the other headers', async () => {
      assert.doesNotMatch(await signInCookie(baseUrl), /Secure/);
      const response = await fetch(`${baseUrl}/health/live`);
      assert.equal(response.headers.get('strict-transport-security'), null);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    });
  });

  it('settings: Secure follows an https public URL, the explicit value wins, and SameSite=None needs Secure', () => {
    const settings = (env: Record<string, string>) => loadServerSettings(env, '/tmp');
    assert.equal(settings({ ARBOR_PUBLIC_URL: 'https://id.example.com' }).secureCookie, true);
    assert.equal(settings({ ARBOR_PUBLIC_URL: 'http://id.example.com' }).secureCookie, false);
    assert.equal(settings({ ARBOR_PUBLIC_URL: 'https://id.example.com', ARBOR_SECURE_COOKIE: 'false' }).secureCookie, false);
    assert.equal(settings({ ARBOR_PUBLIC_URL: 'http://id.example.com', ARBOR_SECURE_COOKIE: 'true' }).secureCookie, true);
    assert.equal(settings({ ARBOR_PUBLIC_URL: 'https://id.example.com', ARBOR_COOKIE_SAMESITE: 'none' }).cookieSameSite, 'none');
    assert.throws(() => settings({ ARBOR_PUBLIC_URL: 'https://id.example.com', ARBOR_COOKIE_SAMESITE: 'none', ARBOR_SECURE_COOKIE: 'false' }), /ARBOR_COOKIE_SAMESITE=none/);
    assert.throws(() => settings({ ARBOR_COOKIE_SAMESITE: 'none' }), /ARBOR_COOKIE_SAMESITE=none/);
  });
});
