/**
 * ForgeRock's Login Widget (`@forgerock/login-widget`, unmodified) in Chromium, served by an app on
 * another origin than a real Arbor on loopback and configured with Arbor's `/am/` base URL, realm
 * alpha and no OAuth: a person signs in through the widget's Login form and gets Arbor's session
 * cookie by credentialed CORS (the app then learns who is signed in from `idFromSession`), and
 * signs out with the widget's `user.logout()`; a person registers through the widget's
 * Registration form and the user exists; an app on an origin Arbor does not list gets no CORS
 * allowance, so its widget cannot read Arbor's answers.
 * A screenshot of the widget's Login form is saved under `test-output/screenshots/`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { RestApi } from '../helpers/self-service.ts';
import { addUser, adminClient, readUser } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';
import type { BrowserHarness } from './browser-harness.ts';
import { startBrowser } from './browser-harness.ts';
import { chromiumSkip } from './launch-chromium.ts';
import type { WidgetApp } from './login-widget/widget-app-server.ts';
import { startWidgetApp } from './login-widget/widget-app-server.ts';

const AUTHENTICATE = '/am/json/realms/root/realms/alpha/authenticate';

/**
 * A fresh tab that may reach loopback only: any other request (the internet) is refused and
 * recorded in `elsewhere`, so that a test can show the widget needs nothing but the app and Arbor.
 */
async function loopbackPage(harness: BrowserHarness): Promise<{ page: Page; elsewhere: string[] }> {
  const page = await harness.newPage();
  const elsewhere: string[] = [];
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    elsewhere.push(url.href);
    return route.abort('blockedbyclient');
  });
  return { page, elsewhere };
}

/**
 * Ticks the checkbox labelled `label` as a person does, by clicking its label: the widget hides
 * the box itself (`sr-only`) and draws one inside the label.
 */
async function tick(page: Page, label: string | RegExp): Promise<void> {
  const box = page.getByRole('checkbox', { name: label });
  await page.locator('label', { has: page.getByText(label) }).first().click();
  assert.equal(await box.isChecked(), true, `${label} is ticked`);
}

/** What the app page says of the journey: `step`, `successful`, `failed`…, once it is not `waitingFor` nor loading. */
async function journeyStatus(page: Page, waitingFor: string[]): Promise<string> {
  const status = page.locator('#journey-status');
  await page.waitForFunction((skip) => !skip.includes(document.getElementById('journey-status')?.textContent ?? ''), ['not started', 'loading', ...waitingFor]);
  return (await status.textContent()) ?? '';
}

describe('ForgeRock Login Widget on another origin against Arbor (Chromium)', { skip: chromiumSkip() }, () => {
  let app: WidgetApp;
  let stranger: WidgetApp;
  let server: TestServer;
  let admin: RestApi;
  let harness: BrowserHarness;

  before(async () => {
    app = await startWidgetApp();
    stranger = await startWidgetApp();
    server = await startTestServer({ env: { ARBOR_CORS_ORIGINS: app.origin } });
    admin = await adminClient(server);
    await addUser(server, 'alpha', 'omar', 'Omar-Passw0rd1', { mail: 'omar@example.com' }, { termsAccepted: true });
    harness = await startBrowser('login-widget');
  });
  after(async () => {
    await harness?.close();
    await server?.close();
    await app?.close();
    await stranger?.close();
  });

  it('signs a person in through the widget’s Login form, with Arbor’s session cookie set by credentialed CORS', async (t) => {
    const { page, elsewhere } = await loopbackPage(harness);
    await page.goto(app.pageUrl(server.baseUrl, 'Login'));
    assert.equal(await journeyStatus(page, []), 'step');
    assert.equal(await page.locator('#widget-root').getByRole('heading', { level: 1 }).textContent(), 'Sign In');
    t.diagnostic(`the widget's Login form: ${await harness.screenshot(page, 'login-form')}`);

    await page.getByLabel('Username', { exact: true }).fill('omar');
    await page.getByLabel('Password', { exact: true }).fill('Omar-Passw0rd1');
    const [answer] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === AUTHENTICATE),
      page.getByRole('button', { name: 'Next' }).click(),
    ]);
    assert.equal(answer.status(), 200);
    const headers = await answer.allHeaders();
    assert.equal(headers['access-control-allow-origin'], app.origin, 'the exact app origin is echoed');
    assert.equal(headers['access-control-allow-credentials'], 'true');
    assert.match(headers.vary ?? '', /\bOrigin\b/);

    assert.equal(await journeyStatus(page, ['step']), 'successful');
    assert.equal(await page.locator('#journey-status').getAttribute('data-realm'), '/alpha');
    const session = (await page.context().cookies(server.baseUrl)).find((cookie) => cookie.name === 'iPlanetDirectoryPro');
    assert.ok(session !== undefined && session.value !== '', 'the session cookie is stored for Arbor');
    assert.equal(session.httpOnly, true);
    // The app, on its own origin, asks Arbor who is signed in: the cookie goes along, and the answer is readable.
    await page.locator('#session-user').filter({ hasText: /\S/ }).waitFor();
    assert.equal(await page.locator('#session-user').textContent(), 'omar');
    assert.deepEqual(elsewhere, [], 'nothing but the app and Arbor was asked for');
  });

  it('signs the person out with the widget’s user.logout(): Arbor ends the session and clears the cookie', async (t) => {
    const { page } = await loopbackPage(harness);
    const answered: string[] = [];
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.origin === server.baseUrl) answered.push(`${response.request().method()} ${url.pathname}${url.search} ${response.status()}`);
    });
    await page.goto(app.pageUrl(server.baseUrl, 'Login'));
    await journeyStatus(page, []);
    await page.getByLabel('Username', { exact: true }).fill('omar');
    await page.getByLabel('Password', { exact: true }).fill('Omar-Passw0rd1');
    await page.getByRole('button', { name: 'Next' }).click();
    assert.equal(await journeyStatus(page, ['step']), 'successful');
    await page.locator('#session-user').filter({ hasText: 'omar' }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('#session-user').filter({ hasText: /\S/ }).waitFor();
    t.diagnostic(`Arbor's answers: ${answered.join('; ')}`);
    assert.ok(answered.includes('POST /am/json/realms/root/realms/alpha/sessions/?_action=logout 200'), answered.join('; '));
    assert.equal(await page.locator('#session-user').textContent(), '401', 'Arbor no longer knows the session');
    const cookies = await page.context().cookies(server.baseUrl);
    assert.equal(cookies.filter((cookie) => cookie.name === 'iPlanetDirectoryPro').length, 0);
  });

  it('registers a new user through the widget’s Registration form', async () => {
    const { page, elsewhere } = await loopbackPage(harness);
    await page.goto(app.pageUrl(server.baseUrl, 'Registration'));
    assert.equal(await journeyStatus(page, []), 'step');
    assert.equal(await page.locator('#widget-root').getByRole('heading', { level: 1 }).textContent(), 'Sign Up');

    await page.getByLabel('Username', { exact: true }).fill('wanda');
    await page.getByLabel('First name', { exact: true }).fill('Wanda');
    await page.getByLabel('Last name', { exact: true }).fill('Widget');
    await page.getByLabel('Email address', { exact: true }).fill('wanda@example.com');
    await tick(page, 'Send me news and updates');
    await page.getByLabel('Password', { exact: true }).fill('Wid9et-Passw0rd');
    const questions = page.getByLabel('Select a security question', { exact: true });
    const answers = page.getByLabel('Security answer', { exact: true });
    assert.equal(await questions.count(), 2);
    await questions.nth(0).selectOption({ label: "What's your favorite color?" });
    await answers.nth(0).fill('Teal');
    await questions.nth(1).selectOption({ label: 'Who was your first employer?' });
    await answers.nth(1).fill('Acme Brewing');
    await tick(page, /terms/i);
    await page.getByRole('button', { name: 'Next' }).click();

    assert.equal(await journeyStatus(page, ['step']), 'successful', (await page.locator('#widget-root').textContent()) ?? '');
    const user = await readUser(admin, 'alpha_user', 'wanda');
    assert.equal(user.givenName, 'Wanda');
    assert.equal(user.sn, 'Widget');
    assert.equal(user.mail, 'wanda@example.com');
    assert.deepEqual(user.preferences, { marketing: false, updates: true });
    // Widget 1.3 submits a predefined question as its position in the list ("0", "1"), which
    // Arbor reads as that predefined question (docs/login-widget.md).
    assert.deepEqual(user.kbaInfo, [{ questionId: '1' }, { questionId: '2' }]);
    const meta = user._meta as { termsAccepted?: { termsVersion?: unknown } };
    assert.equal(typeof meta.termsAccepted?.termsVersion, 'string', 'the terms acceptance is recorded');
    await page.locator('#session-user').filter({ hasText: /\S/ }).waitFor();
    assert.equal(await page.locator('#session-user').textContent(), 'wanda', 'Registration signs the new user in');
    assert.deepEqual(elsewhere, []);
  });

  it('gives an app on an origin Arbor does not list no CORS allowance: its widget cannot read Arbor’s answer', async () => {
    const { page } = await loopbackPage(harness);
    await page.goto(stranger.pageUrl(server.baseUrl, 'Login'));
    assert.equal(await journeyStatus(page, []), 'failed');
    // The browser withheld Arbor's answer, so the SDK saw a network failure, not an HTTP status.
    assert.equal(await page.locator('#journey-status').getAttribute('data-message'), 'Unknown network request failure has occurred.');
    assert.match(await page.locator('#widget-root').innerText(), /There was an error in the form submission/);
    assert.equal(await page.getByLabel('Username', { exact: true }).count(), 0, 'no Login form is shown');

    // What the browser was told: neither the preflight nor the request itself allows that origin.
    const preflight = await fetch(`${server.baseUrl}${AUTHENTICATE}`, {
      method: 'OPTIONS',
      headers: { origin: stranger.origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'accept-api-version,content-type,x-requested-with' },
    });
    assert.equal(preflight.headers.get('access-control-allow-origin'), null);
    assert.equal(preflight.headers.get('access-control-allow-credentials'), null);
    const post = await fetch(`${server.baseUrl}${AUTHENTICATE}?authIndexType=service&authIndexValue=Login`, {
      method: 'POST',
      headers: { origin: stranger.origin, 'content-type': 'application/json', 'accept-api-version': 'protocol=1.0,resource=2.1' },
    });
    await post.body?.cancel();
    assert.equal(post.headers.get('access-control-allow-origin'), null);
  });
});
