/**
 * What the OpenID provider's end-to-end tests share: a real Arbor on a free loopback port whose
 * `ARBOR_PUBLIC_URL` is that port (so the issuer is what the relying party reaches), an
 * administrator's REST helper (OAuth2 clients, users), the `arbor` CLI on its store, a sign-in through the realm's `Login`
 * journey on AM's authenticate REST, and a cookie-keeping `Browser` that follows redirects on the
 * server and stops where the browser would leave it.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CliContext } from '../../src/cli/command.ts';
import { loadServerSettings } from '../../src/config/server-settings.ts';
import { runCli } from '../../src/main.ts';
import { announceWrites } from '../../src/platform/announce-writes.ts';
import { createPlatform, type Platform } from '../../src/platform/create-platform.ts';
import { openPlatformStore } from '../../src/platform/open-platform-store.ts';
import type { Store } from '../../src/store/store.ts';

/** The administrator's credentials the harness starts Arbor with. */
export const ADMIN_HEADERS = { 'x-openidm-username': 'amadmin', 'x-openidm-password': 'Admin-Passw0rd!' };

/** A browser's cookie jar: names and values only (every cookie goes with every request to the server). */
export class Browser {
  readonly cookies = new Map<string, string>();
  readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  /** One request, no redirect followed; keeps the cookies set. */
  async get(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url, this.baseUrl);
    const headers = new Headers(init.headers);
    if (target.origin === new URL(this.baseUrl).origin && this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(target, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** Follows redirects on this server; stops at the first page, or a redirect elsewhere. */
  async follow(url: string, init: RequestInit = {}): Promise<{ response: Response; location: URL | undefined; visited: string[] }> {
    const visited: string[] = [];
    let next = new URL(url, this.baseUrl);
    let request = init;
    for (let hop = 0; hop < 10; hop += 1) {
      visited.push(`${next.pathname}${next.search}`);
      const response = await this.get(next.href, request);
      request = {};
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || location === null) return { response, location: undefined, visited };
      await response.body?.cancel();
      next = new URL(location, next);
      if (next.origin !== new URL(this.baseUrl).origin) return { response, location: next, visited };
    }
    assert.fail(`too many redirects: ${visited.join(' → ')}`);
  }
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

interface Callback {
  type: string;
  input?: { name: string; value: unknown }[];
}

/** Runs `realm`'s `Login` journey on AM's authenticate REST; resolves to the SSO token. */
export async function signIn(baseUrl: string, username: string, password: string, realm = 'alpha'): Promise<string> {
  const url = `${baseUrl}/am/json/realms/root/realms/${realm}/authenticate?authIndexType=service&authIndexValue=Login`;
  let body: Record<string, unknown> | undefined;
  for (let step = 0; step < 6; step += 1) {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-api-version': 'resource=2.1, protocol=1.0' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const answer = (await response.json()) as Record<string, unknown>;
    assert.equal(response.status, 200, JSON.stringify(answer));
    if (typeof answer.tokenId === 'string') return answer.tokenId;
    const callbacks = answer.callbacks as Callback[];
    for (const callback of callbacks) {
      const [input] = callback.input ?? [];
      if (input === undefined) continue;
      if (callback.type === 'NameCallback') input.value = username;
      else if (callback.type === 'PasswordCallback') input.value = password;
      else if (callback.type === 'TermsAndConditionsCallback') input.value = true;
      else if (callback.type === 'BooleanAttributeInputCallback') input.value = false; // the journey's progressive profile
      else assert.fail(`unexpected callback ${callback.type}`);
    }
    body = answer;
  }
  assert.fail('the journey did not end');
}

/** A running Arbor for OpenID provider tests. */
export interface OidcServer {
  baseUrl: string;
  /** The alpha realm's issuer. */
  issuer: string;
  cookieName: string;
  platform: Platform;
  store: Store;
  /** An administrator's REST call; the answer's status and JSON body. */
  admin(method: string, url: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }>;
  /** Creates or replaces the alpha OAuth2 client `id` (AM's REST body); fails the test when refused. */
  putClient(id: string, body: Record<string, unknown>): Promise<void>;
  /** Creates an alpha user; resolves to its `_id`. */
  addUser(attributes: Record<string, unknown>): Promise<string>;
  /** Runs an `arbor` CLI command on the same store (its writes announced to the server); `{code, out, err}`. */
  cli(args: string[]): Promise<{ code: number; out: string; err: string }>;
  /** A browser holding only Arbor's session cookie `token` (none when undefined). */
  browserWith(token: string | undefined): Browser;
  close(): Promise<void>;
}

/** Starts Arbor (default capabilities, SQLite in a temporary directory) with `env` added. */
export async function startOidcServer(options: { env?: Record<string, string> } = {}): Promise<OidcServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'arbor-oidc-'));
  const env = { ARBOR_DATA_DIR: dataDir, ARBOR_ADMIN_PASSWORD: 'Admin-Passw0rd!', ARBOR_PUBLIC_URL: baseUrl, ...options.env };
  const settings = loadServerSettings(env, dataDir);
  const clock = { now: () => Date.now() };
  const store = await openPlatformStore(settings, () => {}, { clock });
  const platform = await createPlatform({ settings, store, clock, logger: false });
  await platform.app.listen({ port, host: '127.0.0.1' });
  const admin: OidcServer['admin'] = async (method, url, body) => {
    const response = await fetch(`${baseUrl}${url}`, { method, headers: { ...ADMIN_HEADERS, 'accept-api-version': 'resource=1.0', ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await response.text();
    return { status: response.status, json: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
  };
  return {
    baseUrl,
    issuer: `${baseUrl}/am/oauth2/realms/root/realms/alpha`,
    cookieName: settings.cookieName,
    platform,
    store,
    admin,
    async putClient(id, body) {
      const answer = await admin('PUT', `/am/json/realms/root/realms/alpha/realm-config/agents/OAuth2Client/${id}`, body);
      assert.ok(answer.status < 300, JSON.stringify(answer.json));
    },
    async addUser(attributes) {
      const created = await admin('POST', '/openidm/managed/alpha_user?_action=create', attributes);
      assert.equal(created.status, 201, JSON.stringify(created.json));
      return String(created.json._id);
    },
    async cli(args) {
      let out = '';
      let err = '';
      const openStore = async () => announceWrites(await openPlatformStore(settings, () => {}, { clock }), platform.cacheInvalidation);
      const ctx: CliContext = { env, out: (line) => (out += `${line}\n`), err: (line) => (err += `${line}\n`), openStore };
      const code = await runCli(args, ctx);
      return { code, out, err };
    },
    browserWith(token) {
      const browser = new Browser(baseUrl);
      if (token !== undefined) browser.cookies.set(settings.cookieName, token);
      return browser;
    },
    async close() {
      await platform.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
