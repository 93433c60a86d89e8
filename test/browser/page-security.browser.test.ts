/**
 * The journey pages' guarantees against other sites, observed in Chromium against a real Arbor on
 * loopback and a second loopback origin playing the other site: a post without the form's token
 * is refused; a post from another origin is refused even with a valid token and the browser's
 * cookie (and does not use up the step); a request with a forged `Origin` is refused; a `goto`
 * outside the allow-list is ignored while Arbor's own path is honoured; another origin cannot frame
 * a page; a page with a `suspendedId` in its address sends no `Referer`.
 */
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { escapeHtml } from '../../src/pages/html-escape.ts';
import { addUser } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';
import type { BrowserHarness } from './browser-harness.ts';
import { startBrowser } from './browser-harness.ts';
import { chromiumSkip } from './launch-chromium.ts';
import { fillSignIn, headingOf, pressAndLand, pressAndPost, sessionCookieOf } from './page-forms.ts';

const LOGIN = '/login?realm=alpha&journey=Login';
const REFUSED = 'This form could not be verified (it may come from another site or an old page).';

/** Another site on loopback: serves whatever HTML a test gives it at `/<name>`. */
interface OtherSite {
  origin: string;
  serve(name: string, html: string): string;
  close(): Promise<void>;
}

async function startOtherSite(): Promise<OtherSite> {
  const pages = new Map<string, string>();
  const server = http.createServer((request, response) => {
    const html = pages.get(request.url ?? '');
    response.writeHead(html === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    serve(name, html) {
      pages.set(`/${name}`, html);
      return `${origin}/${name}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The hidden fields of the page's form, by name, in document order. */
async function hiddenFields(page: Page): Promise<[string, string][]> {
  const fields = await page.locator('form input[type=hidden]').all();
  return Promise.all(fields.map(async (field) => [(await field.getAttribute('name')) ?? '', (await field.getAttribute('value')) ?? ''] as [string, string]));
}

/** Posts `fields` to Arbor's `/login` from `page`'s profile (its cookies), as a form would, with `headers`; does not follow a redirect. */
async function postForm(page: Page, baseUrl: string, fields: readonly (readonly [string, string])[], headers: Record<string, string>): Promise<{ status: number; text: string; setCookie: string }> {
  const response = await page.request.post(`${baseUrl}/login`, {
    data: new URLSearchParams(fields.map(([name, value]) => [name, value])).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    maxRedirects: 0,
  });
  return { status: response.status(), text: await response.text(), setCookie: response.headers()['set-cookie'] ?? '' };
}

describe('the journey pages refuse other sites in Chromium', { skip: chromiumSkip() }, () => {
  let server: TestServer;
  let harness: BrowserHarness;
  let other: OtherSite;

  before(async () => {
    [harness, server, other] = await Promise.all([startBrowser('security'), startTestServer(), startOtherSite()]);
    await addUser(server, 'alpha', 'omar', 'Omar-Passw0rd1', { mail: 'omar@example.com' }, { termsAccepted: true });
    // Omar answers the preferences the third sign-in asks for now, so that the tests' sign-ins go straight through.
    for (const _attempt of [1, 2, 3]) {
      const page = await harness.newPage();
      await page.goto(`${server.baseUrl}${LOGIN}`);
      await fillSignIn(page, 'omar', 'Omar-Passw0rd1');
      await pressAndPost(page);
      if ((await headingOf(page)) === 'Please select your preferences') await pressAndLand(page, '/login/done');
      assert.equal(new URL(page.url()).pathname, '/login/done');
      await page.close();
    }
  });
  after(async () => {
    await harness?.close();
    await other?.close();
    await server?.close();
  });

  it('refuses a form posted without its token with the 403 page, and the step still signs in with it', async () => {
    const page = await harness.newPage();
    await page.goto(`${server.baseUrl}${LOGIN}`);
    const fields = await hiddenFields(page);
    await page.locator('input[name=csrf]').evaluate((input) => input.remove());
    await fillSignIn(page, 'omar', 'Omar-Passw0rd1');
    assert.equal((await pressAndPost(page)).status(), 403);
    assert.equal(await headingOf(page), 'Please start again');
    assert.equal(await page.getByRole('alert').textContent(), REFUSED);
    assert.equal(await page.getByRole('link', { name: 'Start again' }).count(), 1);
    assert.equal(await sessionCookieOf(page, server.baseUrl), undefined);

    // The refused post did not use up the step: the same form, with its token, signs in.
    const retry = await postForm(page, server.baseUrl, [...fields, ['IDToken1', 'omar'], ['IDToken2', 'Omar-Passw0rd1']], { origin: server.baseUrl });
    assert.equal(retry.status, 303, retry.text);
  });

  it('refuses a form another origin posts to /login, even with a valid token and the browser’s cookie, and keeps the step', async () => {
    const page = await harness.newPage();
    await page.goto(`${server.baseUrl}${LOGIN}`);
    const fields = [...(await hiddenFields(page)), ['IDToken1', 'omar'], ['IDToken2', 'Omar-Passw0rd1']] as const;
    const inputs = fields.map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join('');
    const attack = other.serve(
      'post.html',
      `<!doctype html><html lang="en"><title>Win a prize</title><form method="post" action="${escapeHtml(server.baseUrl)}/login">${inputs}<button>Claim</button></form><script>document.forms[0].submit()</script></html>`,
    );
    // The same browser profile: Arbor's CSRF cookie is sent (both origins are on 127.0.0.1, the same site).
    const [response] = await Promise.all([page.waitForResponse((answer) => answer.request().method() === 'POST'), page.goto(attack)]);
    await page.waitForLoadState();
    assert.equal(response.status(), 403);
    assert.equal(new URL(page.url()).origin, server.baseUrl);
    assert.equal(await headingOf(page), 'Please start again');
    assert.equal(await page.getByRole('alert').textContent(), REFUSED);
    assert.equal(await sessionCookieOf(page, server.baseUrl), undefined, 'no session from the other site’s post');

    // The step was not used up: the person's own form (same fields, from Arbor's origin) still signs in.
    const own = await postForm(page, server.baseUrl, fields, { origin: server.baseUrl });
    assert.equal(own.status, 303, own.text);
  });

  it('refuses a post whose Origin is another site’s, with a valid token and cookie', async () => {
    const page = await harness.newPage();
    await page.goto(`${server.baseUrl}${LOGIN}`);
    const fields = [...(await hiddenFields(page)), ['IDToken1', 'omar'], ['IDToken2', 'Omar-Passw0rd1']] as const;
    const forged = await postForm(page, server.baseUrl, fields, { origin: 'https://evil.example' });
    assert.equal(forged.status, 403);
    assert.match(forged.text, /This form could not be verified/);
    assert.equal(forged.setCookie.includes('iPlanetDirectoryPro'), false);
    const crossSite = await postForm(page, server.baseUrl, fields, { origin: server.baseUrl, 'sec-fetch-site': 'cross-site' });
    assert.equal(crossSite.status, 403, 'a post the browser marks cross-site is refused');
    const own = await postForm(page, server.baseUrl, fields, { origin: server.baseUrl });
    assert.equal(own.status, 303, `the same form from Arbor's origin signs in: ${own.text}`);
  });

  for (const [goto, why] of [
    ['https://evil.example/steal', 'another origin'],
    ['//evil.example/steal', 'a protocol-relative address'],
    ['javascript:alert(1)', 'a script address'],
  ] as const) {
    it(`ignores a goto to ${why} after sign-in and lands on /login/done`, async () => {
      const page = await harness.newPage();
      await page.goto(`${server.baseUrl}${LOGIN}&goto=${encodeURIComponent(goto)}`);
      await fillSignIn(page, 'omar', 'Omar-Passw0rd1');
      await pressAndLand(page, '/login/done');
      assert.equal(new URL(page.url()).origin, server.baseUrl);
      assert.match((await page.locator('main').textContent()) ?? '', /You are signed in as omar\./);
    });
  }

  it('honours a goto to Arbor’s own path after sign-in', async () => {
    const page = await harness.newPage();
    await page.goto(`${server.baseUrl}${LOGIN}&goto=${encodeURIComponent('/login/pages.css?from=goto')}`);
    await fillSignIn(page, 'omar', 'Omar-Passw0rd1');
    await pressAndLand(page, '/login/pages.css');
    assert.equal(page.url(), `${server.baseUrl}/login/pages.css?from=goto`);
    assert.ok((await sessionCookieOf(page, server.baseUrl)) !== undefined);
  });

  it('cannot be framed by another origin, whose own frame loads', async () => {
    const page = await harness.newPage();
    const inner = other.serve('inner.html', '<!doctype html><html lang="en"><title>Inner</title><h1>The other site’s own frame</h1></html>');
    const framing = other.serve(
      'frame.html',
      `<!doctype html><html lang="en"><title>Framing</title><iframe name="arbor" title="Arbor" src="${escapeHtml(server.baseUrl)}${escapeHtml(LOGIN)}"></iframe><iframe name="own" title="own" src="${escapeHtml(inner)}"></iframe></html>`,
    );
    const [arborResponse] = await Promise.all([page.waitForResponse((answer) => answer.url().startsWith(`${server.baseUrl}/login`)), page.goto(framing)]);
    assert.equal(arborResponse.status(), 200, 'Arbor answered the frame’s request');
    await page.waitForLoadState('load');
    const own = page.frame({ name: 'own' });
    assert.equal(await own?.locator('h1').textContent(), 'The other site’s own frame', 'a frame loads on that page');
    const arbor = page.frame({ name: 'arbor' });
    assert.ok(arbor !== null);
    assert.notEqual(new URL(arbor.url()).origin, server.baseUrl, `the frame did not load Arbor's page: ${arbor.url()}`);
    assert.equal(await arbor.locator('input[name=IDToken1]').count(), 0, 'no sign-in form inside the frame');
    assert.equal(await arbor.getByText('Sign In').count(), 0);
  });

  it('sends no Referer from a page whose address carries a suspendedId', async () => {
    const page = await harness.newPage();
    assert.equal((await page.goto(`${server.baseUrl}/login?realm=alpha&journey=ResetPassword&suspendedId=secret-link-token-0123456789`))?.status(), 401);
    assert.equal(await headingOf(page), 'Link expired');
    const [request] = await Promise.all([page.waitForRequest((sent) => sent.url().startsWith(`${server.baseUrl}/login?`)), page.getByRole('link', { name: 'Start again' }).click()]);
    assert.equal((await request.allHeaders()).referer, undefined);
  });
});
