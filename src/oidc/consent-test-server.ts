/**
 * A real Arbor on loopback for the consent page and decision form tests (in memory, default
 * capabilities, the provider at the root realm's AM paths): users and OAuth2 clients made through
 * the admin APIs, sign-in by AM's zero-page login, and a browser (a cookie jar over fetch that
 * follows redirects on this server only) to walk the authorization.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { TestPlatform } from '../platform/testing/in-memory-platform.ts';
import { inMemoryPlatform } from '../platform/testing/in-memory-platform.ts';

const ADMIN = { 'x-openidm-username': 'amadmin', 'x-openidm-password': 'Admin-Passw0rd!' };
export const PASSWORD = 'Secret-Passw0rd-1';
export const COOKIE = 'iPlanetDirectoryPro';

/** A browser's cookie jar (names and values); every cookie goes with every request to the server. */
export class TestBrowser {
  readonly cookies = new Map<string, string>();
  readonly baseUrl: string;
  readonly language: string;

  constructor(baseUrl: string, language = 'en') {
    this.baseUrl = baseUrl;
    this.language = language;
  }

  /** One request, no redirect followed; keeps the cookies set. */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url, this.baseUrl);
    const headers = new Headers(init.headers);
    headers.set('accept-language', this.language);
    if (target.origin === new URL(this.baseUrl).origin && this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(target, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970|max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** Posts `fields` as a form, from this server's own page (same-origin). */
  post(url: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(this.baseUrl).origin, 'sec-fetch-site': 'same-origin', ...headers }, body: new URLSearchParams(fields).toString() });
  }

  /** Follows redirects on this server; stops at the first page, or at a redirect elsewhere (`location`). */
  async follow(first: Response | string): Promise<{ response: Response; location: URL | undefined }> {
    let response = typeof first === 'string' ? await this.request(first) : first;
    let at = new URL(response.url || this.baseUrl);
    for (let hop = 0; hop < 10; hop += 1) {
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || location === null) return { response, location: undefined };
      await response.body?.cancel();
      const next = new URL(location, at);
      if (next.origin !== new URL(this.baseUrl).origin) return { response, location: next };
      at = next;
      response = await this.request(next.href);
    }
    assert.fail('too many redirects');
  }
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A running Arbor and what the tests do with it. */
export interface ConsentTestServer {
  arbor: TestPlatform;
  baseUrl: string;
  /** The root realm's issuer. */
  issuer: string;
  /** Makes a root user; its `_id`. */
  createUser(userName: string): Promise<string>;
  /** Registers (or replaces) a root OAuth2 client (AM's shape). */
  putClient(id: string, core: Record<string, unknown>, advanced: Record<string, unknown>, openid?: Record<string, unknown>): Promise<void>;
  /** Signs `userName` in (zero-page login); the SSO token. */
  signIn(userName: string): Promise<string>;
  close(): Promise<void>;
}

/** Starts the server. */
export async function startConsentTestServer(): Promise<ConsentTestServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const arbor = await inMemoryPlatform({ ARBOR_PUBLIC_URL: baseUrl });
  await arbor.app.listen({ port, host: '127.0.0.1' });
  const admin = async (method: string, path: string, body: unknown): Promise<Response> =>
    fetch(`${baseUrl}${path}`, { method, headers: { ...ADMIN, 'accept-api-version': 'resource=1.0', 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return {
    arbor,
    baseUrl,
    issuer: `${baseUrl}/am/oauth2/realms/root`,
    async createUser(userName) {
      const user = await arbor.identity.createUser('user', { userName, password: PASSWORD, givenName: 'Ada', sn: 'Lovelace', mail: `${userName}@example.com` });
      return user._id;
    },
    async putClient(id, core, advanced, openid) {
      const config = { coreOAuth2ClientConfig: core, advancedOAuth2ClientConfig: advanced, ...(openid === undefined ? {} : { coreOpenIDClientConfig: openid }) };
      const response = await admin('PUT', `/am/json/realms/root/realm-config/agents/OAuth2Client/${id}`, config);
      assert.ok(response.status < 300, await response.text());
    },
    async signIn(userName) {
      const response = await fetch(`${baseUrl}/am/json/realms/root/authenticate?authIndexType=service&authIndexValue=Login`, {
        method: 'POST',
        headers: { 'x-openam-username': userName, 'x-openam-password': PASSWORD, 'accept-api-version': 'resource=2.1, protocol=1.0', 'content-type': 'application/json' },
      });
      const body = (await response.json()) as { tokenId?: unknown };
      assert.equal(typeof body.tokenId, 'string', JSON.stringify(body));
      return String(body.tokenId);
    },
    close: () => arbor.close(),
  };
}
