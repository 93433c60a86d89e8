/**
 * A browser for the account page's tests through `app.inject` on an in-memory Arbor: it keeps
 * its cookies, speaks a language, and posts forms with the token the page holds.
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

  async get(url: string): Promise<LightMyRequestResponse> {
    const response = await this.arbor.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), 'accept-language': this.language } });
    this.keep(response);
    return response;
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
