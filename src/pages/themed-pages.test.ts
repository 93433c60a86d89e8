/**
 * A realm's theme and the security headers over real HTTP: a themed realm's pages link its
 * stylesheet (custom properties only, cacheable, `text/css`, nosniff) and show its logo named
 * after the realm, the policy allows the logo's https origin and no inline style; a hostile theme
 * is not used at all; every page, redirect and stylesheet carries the pages' security headers; a
 * throttled sign-in is answered with a page saying how long to wait (429, `Retry-After`); the first
 * page with its stylesheet and script stays under 50 KB.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RealmConfig } from '../config/realm-config.ts';
import { loadServerSettings } from '../config/server-settings.ts';
import { throttlingOf } from '../config/throttling-settings.ts';
import { announceWrites } from '../platform/announce-writes.ts';
import { createPlatform } from '../platform/create-platform.ts';
import { openPlatformStore } from '../platform/open-platform-store.ts';

const LOGIN = '/login?realm=alpha&journey=Login';

describe('themed journey pages and their headers', () => {
  let baseUrl = '';
  let putRealm: (realm: RealmConfig) => Promise<void>;
  let alpha: RealmConfig;
  let cleanUp: () => Promise<void>;

  before(async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'arbor-themes-'));
    const settings = loadServerSettings({ ARBOR_DATA_DIR: dataDir, ARBOR_ADMIN_PASSWORD: 'Admin-Passw0rd!' }, dataDir);
    const store = await openPlatformStore(settings, () => {});
    const platform = await createPlatform({ settings, store, clock: { now: () => Date.now() }, logger: false });
    await platform.app.listen({ port: 0, host: '127.0.0.1' });
    const address = platform.app.server.address();
    assert.ok(address !== null && typeof address !== 'string');
    baseUrl = `http://127.0.0.1:${address.port}`;
    const realms = announceWrites(store, platform.cacheInvalidation).realms;
    putRealm = (realm) => realms.put(realm);
    const found = await store.realms.get('alpha');
    assert.ok(found !== undefined);
    alpha = found;
    cleanUp = async () => {
      await platform.close();
      await rm(dataDir, { recursive: true, force: true });
    };
  });
  after(async () => cleanUp?.());

  it('sends the pages’ security headers with every page and stylesheet', async () => {
    const page = await fetch(`${baseUrl}${LOGIN}`);
    await page.text();
    assert.equal(page.headers.get('content-security-policy'), "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    const expected = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY', 'cross-origin-opener-policy': 'same-origin', 'cache-control': 'no-store' };
    for (const [name, value] of Object.entries(expected)) assert.equal(page.headers.get(name), value, name);
    const missing = await fetch(`${baseUrl}/login?realm=nowhere`);
    assert.equal(missing.status, 404);
    for (const [name, value] of Object.entries(expected)) assert.equal(missing.headers.get(name), value, `404 ${name}`);
    const css = await fetch(`${baseUrl}/login/pages.css`);
    assert.equal(await css.text().then((text) => text.startsWith(':root{')), true);
    assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
    assert.equal(css.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(css.headers.get('cache-control'), 'public, max-age=3600');
  });

  it('links the realm’s theme and shows its logo named after the realm, allowing only that image origin', async () => {
    await putRealm({ ...alpha, pages: { theme: { logoUrl: 'https://cdn.example.com/alpha/logo.svg', primaryColor: '#0b5cad', fontFamily: 'Open Sans, sans-serif' } } });
    const page = await fetch(`${baseUrl}${LOGIN}`);
    const html = await page.text();
    const link = /<link rel="stylesheet" href="(\/login\/theme\.css\?realm=alpha&amp;v=[\w-]{12})">/.exec(html);
    assert.ok(link?.[1] !== undefined, html);
    assert.match(html, /<header class="top"><img class="logo" src="https:\/\/cdn\.example\.com\/alpha\/logo\.svg" alt="alpha"><nav/);
    assert.doesNotMatch(html, /style=|<style/);
    assert.equal(page.headers.get('content-security-policy'), "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https://cdn.example.com; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    const theme = await fetch(`${baseUrl}${link[1].replaceAll('&amp;', '&')}`);
    assert.equal(theme.status, 200);
    assert.equal(theme.headers.get('content-type'), 'text/css; charset=utf-8');
    assert.equal(theme.headers.get('x-content-type-options'), 'nosniff');
    assert.match(theme.headers.get('cache-control') ?? '', /^public, max-age=\d+$/);
    assert.equal(await theme.text(), ':root{--font:"Open Sans",sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}\n@media (prefers-color-scheme:light){:root{--accent:#0b5cad;--on-accent:#ffffff}}\n');
  });

  it('uses nothing of a hostile theme', async () => {
    await putRealm({ ...alpha, pages: { theme: { logoUrl: 'https://x.example/a.svg" onerror="alert(1)', primaryColor: 'red;}body{display:none', fontFamily: '</style><script>' } } });
    const html = await (await fetch(`${baseUrl}${LOGIN}`)).text();
    assert.doesNotMatch(html.replace('<script src="/login/pages.js" defer></script>', ''), /theme\.css|class="logo"|onerror|<script/);
    const theme = await fetch(`${baseUrl}/login/theme.css?realm=alpha`);
    assert.equal(theme.status, 404);
    assert.equal(theme.headers.get('x-content-type-options'), 'nosniff');
    await putRealm(alpha);
  });

  it('answers a throttled sign-in with a page: 429, Retry-After and the wait in words', async () => {
    await putRealm({ ...alpha, throttling: { ...throttlingOf(alpha), clientFailures: 2, clientWindowSeconds: 60 } });
    const answers: { status: number; html: string; retryAfter: string | null; type: string | null }[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const first = await fetch(`${baseUrl}${LOGIN}`);
      const cookie = first.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
      const body = new URLSearchParams();
      for (const [, name = '', value = ''] of (await first.text()).matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) body.append(name, value.replaceAll('&amp;', '&'));
      body.set('IDToken1', 'nobody');
      body.set('IDToken2', 'Wrong-Passw0rd1');
      const answer = await fetch(`${baseUrl}/login`, { method: 'POST', headers: { cookie, origin: baseUrl, 'content-type': 'application/x-www-form-urlencoded' }, body, redirect: 'manual' });
      answers.push({ status: answer.status, html: await answer.text(), retryAfter: answer.headers.get('retry-after'), type: answer.headers.get('content-type') });
    }
    assert.deepEqual(
      answers.map((answer) => answer.status),
      [401, 401, 429],
    );
    const throttled = answers[2];
    assert.ok(throttled !== undefined);
    assert.equal(throttled.type, 'text/html; charset=utf-8');
    assert.match(throttled.retryAfter ?? '', /^\d+$/);
    assert.match(throttled.html, /<h1>Too many attempts<\/h1>/);
    assert.match(throttled.html, new RegExp(`Please wait ${throttled.retryAfter} seconds, then go back and send the form again\\.`));
    await putRealm(alpha);
  });

  it('keeps the first page light: the Login page, its stylesheet and its script weigh less than 50 KB together', async () => {
    const page = await fetch(`${baseUrl}${LOGIN}`);
    const html = await page.text();
    const linked = [...html.matchAll(/(?:href|src)="(\/login\/[a-z]+\.(?:css|js))"/g)].map((match) => match[1] ?? '');
    assert.deepEqual(linked.sort(), ['/login/pages.css', '/login/pages.js']);
    let bytes = Buffer.byteLength(html);
    for (const file of linked) bytes += (await (await fetch(`${baseUrl}${file}`)).arrayBuffer()).byteLength;
    assert.ok(bytes < 50_000, `${bytes} bytes`);
  });
});
