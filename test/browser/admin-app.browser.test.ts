/**
 * The admin app (`/admin`) in a real browser against a real Arbor on loopback, as an administrator
 * uses it: signs in as amadmin through the root realm's Login journey, switches to alpha, searches
 * the journeys, opens `Login` and sees its nodes and outcomes drawn, opens a node's config in the
 * side panel, follows "Try it" to the journey's sign-in page, and signs out. A wrong password is
 * refused with a message; a root user who is not an administrator is signed out and told why. The
 * page breaks no rule of its policy and throws nothing. The app is built once here (Vite, under a
 * second) so the test never runs an older build; screenshots (desktop) go to
 * `test-output/screenshots/admin-app-*.png`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { addUser } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';
import type { BrowserHarness } from './browser-harness.ts';
import { ensureAdminAppBuilt } from './admin-app-build.ts';
import { startBrowser } from './browser-harness.ts';
import { chromiumSkip } from './launch-chromium.ts';
import { recordPageProblems } from './page-problems.ts';

describe('the admin app in Chromium', { skip: chromiumSkip() }, () => {
  let server: TestServer;
  let harness: BrowserHarness;
  let page: Page;
  let problems: string[] = [];

  before(async () => {
    await ensureAdminAppBuilt();
    [harness, server] = await Promise.all([startBrowser('admin-app'), startTestServer({ ownPublicUrl: true })]);
    await addUser(server, 'root', 'rowan', 'Rowan-Passw0rd1');
    page = await harness.newPage();
    // Refused calls (a wrong password's 401, a non-administrator's 403) are logged as failed loads: expected.
    problems = recordPageProblems(page, /^40[13]$/);
  });
  after(async () => {
    await harness?.close();
    await server?.close();
  });

  async function signIn(password: string, username = 'amadmin'): Promise<void> {
    await page.getByLabel('User Name', { exact: true }).fill(username);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  it('refuses a wrong password with a message and asks again', async () => {
    await page.goto(`${server.baseUrl}/admin`);
    await signIn('not-the-password');
    await page.getByRole('alert').filter({ hasText: 'The user name or password is wrong.' }).waitFor();
    assert.equal(await page.getByLabel('Password', { exact: true }).inputValue(), '');
    await harness.screenshot(page, 'sign-in-refused');
  });

  it('signs out a root user who is not an administrator, saying so', async () => {
    await signIn('Rowan-Passw0rd1', 'rowan');
    await page.getByRole('alert').filter({ hasText: 'This account is not an administrator of Arbor; it was signed out.' }).waitFor();
    await page.getByLabel('User Name', { exact: true }).waitFor();
    assert.equal(await page.getByLabel('Realm').count(), 0, 'no admin view is shown');
  });

  it('signs amadmin in through the root Login journey and lists root journeys', async () => {
    await signIn('Admin-Passw0rd!');
    await page.getByRole('heading', { name: 'Journeys', level: 1 }).waitFor();
    assert.equal(await page.getByLabel('Realm').inputValue(), 'root');
    await page.getByRole('button', { name: 'Login', exact: true }).waitFor();
  });

  it('switches to alpha and finds a journey by searching', async () => {
    await page.getByLabel('Realm').selectOption('alpha');
    await page.waitForURL((url) => url.hash === '#/alpha/journeys');
    await page.getByRole('button', { name: 'Registration', exact: true }).waitFor();
    const all = await page.locator('tbody tr').count();
    assert.ok(all >= 6, `alpha has its default journeys (${all} shown)`);
    await harness.screenshot(page, 'journeys-alpha');
    await page.getByLabel('Search journeys').fill('login');
    await page.waitForFunction((before) => document.querySelectorAll('tbody tr').length < before, all);
    const names = await page.locator('tbody tr td:first-child').allTextContents();
    assert.ok(names.includes('Login'), `Login is found (${names.join(', ')})`);
    assert.ok(!names.includes('Registration'), `Registration is not (${names.join(', ')})`);
    assert.equal(await page.getByRole('link', { name: 'Try Login' }).getAttribute('href'), '/login?realm=alpha&journey=Login');
  });

  it("draws alpha's Login: its nodes, start, success and failure, and labelled outcomes", async () => {
    await page.getByRole('button', { name: 'Login', exact: true }).click();
    await page.getByRole('heading', { name: 'Login', level: 1 }).waitFor();
    await page.locator('.react-flow__node').first().waitFor();
    const labels = await page.locator('.react-flow__node').allTextContents();
    for (const expected of ['Start', 'Page NodePageNode', 'Data Store DecisionDataStoreDecisionNode', 'Terms and Conditions DecisionTermsAndConditionsDecisionNode', 'Inner Tree EvaluatorInnerTreeEvaluatorNode', 'Success', 'Failure']) {
      assert.ok(labels.some((label) => label.replace(/\s+/g, '') === expected.replace(/\s+/g, '')), `${expected} is drawn (${labels.join(' | ')})`);
    }
    assert.equal(labels.length, 15, 'its twelve nodes and the three static boxes');
    const outcomes = await page.locator('.react-flow__edge-text').allTextContents();
    for (const outcome of ['localAuthentication', 'socialAuthentication', 'true', 'false', 'PATCHED', 'CREATED']) assert.ok(outcomes.includes(outcome), `outcome ${outcome} is labelled (${outcomes.join(', ')})`);
    assert.equal(await page.getByRole('link', { name: 'Try it' }).getAttribute('href'), '/login?realm=alpha&journey=Login');
    assert.equal(new URL(page.url()).hash, '#/alpha/journeys/Login');
    await harness.screenshot(page, 'journey-login');
  });

  it("opens a node's config in the side panel", async () => {
    await page.locator('.react-flow__node', { hasText: 'Inner Tree Evaluator' }).click();
    const panel = page.getByRole('complementary');
    await panel.getByRole('heading', { name: 'Inner Tree Evaluator' }).waitFor();
    await panel.getByText('tree', { exact: true }).waitFor();
    assert.match(await panel.textContent() ?? '', /ProgressiveProfile/, 'the inner tree it runs is shown');
    await harness.screenshot(page, 'journey-login-node');
    await page.locator('.react-flow__node', { hasText: 'Page NodePageNode' }).first().click();
    await panel.getByRole('heading', { name: 'Nodes on this page' }).waitFor();
    await harness.screenshot(page, 'journey-login-page-node');
  });

  it("'Try it' opens the journey on the sign-in page", async () => {
    const [tab] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('link', { name: 'Try it' }).click()]);
    await tab.waitForLoadState();
    assert.equal(new URL(tab.url()).pathname, '/login');
    await tab.getByLabel('User Name', { exact: true }).waitFor();
    await tab.close();
  });

  it('signs out, and the journeys then ask to sign in again', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('alert').filter({ hasText: 'You are signed out.' }).waitFor();
    await page.reload();
    await page.getByLabel('User Name', { exact: true }).waitFor();
    const realms = await page.evaluate(async () => (await fetch('/am/json/global-config/realms?_queryFilter=true')).status);
    assert.equal(realms, 401, 'the session is gone');
  });

  it('breaks no rule of the page policy and throws nothing', () => {
    assert.deepEqual(problems, []);
  });
});
