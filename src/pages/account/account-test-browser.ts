/**
 * A browser for the account page's tests through `app.inject` on an in-memory Arbor: it keeps
 * its cookies, speaks a language, and posts forms with the token the page holds. Like a real
 * browser it follows the page's sign-in through the OpenID provider on its own: a redirect to the
 * provider's authorization endpoint, on to `/account/callback`, and back to `/account` (`get`;
 * `raw` does not follow). It stops where the provider sends it elsewhere (the login page).
 */
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';

/** A browser: its cookies, and what the last page said. */
export class Browser {
  readonly cookies = new Map<string, string>();
  private readonly arbor: TestPlatform;
  private readonly language: string;
  constructor(arbor: TestPlatform, language = 'en-GB') {
    this.arbor = arbor;
    this.language = language;
  }

  private keep(response: LightMyRequestResponse): void {
    const lines = response.headers['set-cookie'];
    for (const line of Array.isArray(lines) ? lines : lines === undefined ? [] : [lines]) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index);
      if (/Max-Age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(index + 1));
    }
  }

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** One GET, no redirect followed. */
  async raw(url: string): Promise<LightMyRequestResponse> {
    const response = await this.arbor.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), 'accept-language': this.language } });
    this.keep(response);
    return response;
  }

  /** A GET, following the account page's sign-in (authorize → callback → `/account`). */
  async get(url: string): Promise<LightMyRequestResponse> {
    let response = await this.raw(url);
    for (let hop = 0; hop < 6; hop += 1) {
      const next = signInHop(response);
      if (next === undefined) return response;
      response = await this.raw(next);
    }
    assert.fail('the account sign-in did not end');
  }

  async post(url: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await this.arbor.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader(), 'accept-language': this.language, 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin', ...headers },
      payload: new URLSearchParams(fields).toString(),
    });
    this.keep(response);
    return response;
  }

  /** Opens the account page and posts `fields` with the page's token to `/account/<action>`. */
  async submit(action: string, fields: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const page = await this.get('/account');
    assert.equal(page.statusCode, 200, page.body);
    return this.post(`/account/${action}`, { csrf: tokenOf(page.body), realm: '/', ...fields });
  }
}

/** Where a response sends the browser when it is a step of the account page's sign-in (a path of this server). */
export function signInHop(response: LightMyRequestResponse): string | undefined {
  const location = response.headers.location;
  if (response.statusCode < 300 || response.statusCode >= 400 || typeof location !== 'string') return undefined;
  const target = new URL(location, 'http://localhost');
  const path = `${target.pathname}${target.search}`;
  if (target.pathname.startsWith('/am/oauth2/') && target.pathname.includes('/authorize')) return path;
  if (target.pathname === '/account/callback') return path;
  // Back to the page once the callback signed it in.
  if (target.pathname === '/account' && (response.raw.req.url ?? '').startsWith('/account/callback')) return path;
  return undefined;
}

export function tokenOf(html: string): string {
  const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(token !== undefined, 'the page has a form token');
  return token;
}

/** The text of the element with `id`, tags removed. */
export function textOf(html: string, id: string): string {
  const match = new RegExp(`id="${id}"[^>]*>([\\s\\S]*?)</(div|p|ul)>`).exec(html);
  return (match?.[1] ?? '').replace(/<[^>]+>/g, '');
}
