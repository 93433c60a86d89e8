/**
 * The journey pages in a real browser (Debian's Chromium through playwright-core) against a real
 * Arbor on loopback: a user types their name and password into the alpha Login page and lands on
 * the signed-in page with the session cookie; a wrong password shows the failure page; Registration
 * shows the failed password policy next to the password; the Login and Registration pages have no
 * serious or critical accessibility violations (axe-core). Screenshots of the Login, Registration
 * (with the policy failure) and failure pages are saved to a temporary directory, named in the
 * test diagnostics, for a person to look at.
 */
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import axe from 'axe-core';
import type { AxeResults } from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addUser } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';
import { chromiumSkip, launchChromium } from './launch-chromium.ts';

const LOGIN = '/login?realm=alpha&journey=Login';
const REGISTRATION = '/login?realm=alpha&journey=Registration';

/** The violations of `page` that axe-core rates serious or critical, one line each. */
async function seriousViolations(page: Page): Promise<{ blocking: string[]; all: string[] }> {
  await page.evaluate(axe.source);
  const results = await page.evaluate<AxeResults>("axe.run(document, { resultTypes: ['violations'] })");
  const line = (violation: AxeResults['violations'][number]): string =>
    `${violation.impact ?? 'unrated'} ${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`;
  return {
    blocking: results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map(line),
    all: results.violations.map(line),
  };
}

/** Fills every Registration field but the password with valid answers, and the password with `password`. */
async function fillRegistration(page: Page, password: string): Promise<void> {
  await page.getByLabel('Username', { exact: true }).fill('petra');
  await page.getByLabel('First Name', { exact: true }).fill('Petra');
  await page.getByLabel('Last Name', { exact: true }).fill('Pan');
  await page.getByLabel('Email Address', { exact: true }).fill('petra@example.com');
  const answers = await page.getByLabel('Answer', { exact: true }).all();
  for (const [index, answer] of answers.entries()) await answer.fill(`answer number ${index}`);
  for (const box of await page.locator('input[type=checkbox][required]').all()) await box.check();
  await page.getByLabel('Password', { exact: true }).fill(password);
}

describe('journey pages in Chromium', { skip: chromiumSkip() }, () => {
  let server: TestServer;
  let browser: Browser;
  let shots: string;
  const contexts: BrowserContext[] = [];
  /** A fresh browser profile's tab; `bypassCSP` lets axe-core's script run on the script-free pages. */
  const newPage = async (options: { bypassCSP?: boolean } = {}): Promise<Page> => {
    const context = await browser.newContext({ locale: 'en-GB', bypassCSP: options.bypassCSP === true });
    contexts.push(context);
    return context.newPage();
  };
  const screenshot = async (page: Page, name: string): Promise<string> => {
    const file = path.join(shots, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  };

  before(async () => {
    browser = await launchChromium();
    server = await startTestServer();
    shots = await mkdtemp(path.join(tmpdir(), 'arbor-page-shots-'));
    await addUser(server, 'alpha', 'omar', 'Omar-Passw0rd1', { mail: 'omar@example.com' }, { termsAccepted: true });
  });
  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  });

  it('signs a user in who types their name and password, landing on the signed-in page with the session cookie', async (t) => {
    const page = await newPage();
    const response = await page.goto(`${server.baseUrl}${LOGIN}`);
    assert.equal(response?.status(), 200);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Sign In');
    t.diagnostic(`Login page: ${await screenshot(page, 'login')}`);
    await page.getByLabel('User Name', { exact: true }).fill('omar');
    await page.getByLabel('Password', { exact: true }).fill('Omar-Passw0rd1');
    await Promise.all([page.waitForURL((url) => url.pathname === '/login/done'), page.getByRole('button', { name: 'Next' }).click()]);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'You are signed in');
    assert.match((await page.locator('main').textContent()) ?? '', /You are signed in as omar\./);
    const session = (await page.context().cookies(server.baseUrl)).find((cookie) => cookie.name === 'iPlanetDirectoryPro');
    assert.ok(session !== undefined && session.value !== '', 'the session cookie is set');
    assert.equal(session.httpOnly, true);
  });

  it('shows the failure page after a wrong password, with a way to start again and no session', async (t) => {
    const page = await newPage();
    await page.goto(`${server.baseUrl}${LOGIN}`);
    await page.getByLabel('User Name', { exact: true }).fill('omar');
    await page.getByLabel('Password', { exact: true }).fill('Wrong-Passw0rd1');
    const [response] = await Promise.all([page.waitForResponse((answer) => answer.request().method() === 'POST'), page.getByRole('button', { name: 'Next' }).click()]);
    assert.equal(response.status(), 401);
    await page.getByRole('alert').waitFor();
    assert.equal(await page.getByRole('alert').textContent(), 'Login failure');
    assert.equal(await page.getByRole('link', { name: 'Start again' }).count(), 1);
    t.diagnostic(`failure page: ${await screenshot(page, 'login-failure')}`);
    const cookies = await page.context().cookies(server.baseUrl);
    assert.equal(cookies.filter((cookie) => cookie.name === 'iPlanetDirectoryPro').length, 0);
  });

  it('shows the failed password policy next to the password after a too-short one on Registration', async (t) => {
    const page = await newPage();
    const response = await page.goto(`${server.baseUrl}${REGISTRATION}`);
    assert.equal(response?.status(), 200);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Sign Up');
    await fillRegistration(page, 'short');
    await Promise.all([page.waitForResponse((answer) => answer.request().method() === 'POST'), page.getByRole('button', { name: 'Next' }).click()]);
    const password = page.getByLabel('Password', { exact: true });
    await password.waitFor();
    assert.equal(await password.getAttribute('aria-invalid'), 'true');
    const errorsId = await password.getAttribute('aria-describedby');
    assert.ok(errorsId !== null);
    const errors = page.locator(`[id="${errorsId}"]`);
    assert.equal(await errors.getAttribute('role'), 'alert');
    assert.match((await errors.textContent()) ?? '', /Use at least \d+ characters\./);
    assert.equal(await page.getByLabel('Username', { exact: true }).inputValue(), 'petra', 'the username is kept');
    t.diagnostic(`Registration page with the policy failure: ${await screenshot(page, 'registration-policy-failure')}`);
  });

  for (const [name, url] of [
    ['Login', LOGIN],
    ['Registration', REGISTRATION],
  ] as const) {
    it(`has no serious or critical accessibility violations on the ${name} page (axe-core)`, async (t) => {
      const page = await newPage({ bypassCSP: true });
      await page.goto(`${server.baseUrl}${url}`);
      const { blocking, all } = await seriousViolations(page);
      t.diagnostic(`axe-core on the ${name} page: ${all.length === 0 ? 'no violations' : all.join('; ')}`);
      assert.deepEqual(blocking, []);
    });
  }

  it('has no serious or critical accessibility violations on Registration showing a policy failure (axe-core)', async (t) => {
    const page = await newPage({ bypassCSP: true });
    await page.goto(`${server.baseUrl}${REGISTRATION}`);
    await fillRegistration(page, 'short');
    await Promise.all([page.waitForResponse((answer) => answer.request().method() === 'POST'), page.getByRole('button', { name: 'Next' }).click()]);
    await page.getByRole('alert').first().waitFor();
    const { blocking, all } = await seriousViolations(page);
    t.diagnostic(`axe-core on Registration with the policy failure: ${all.length === 0 ? 'no violations' : all.join('; ')}`);
    assert.deepEqual(blocking, []);
  });
});
