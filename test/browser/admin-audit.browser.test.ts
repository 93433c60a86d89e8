/**
 * The admin app's Audit section in Chromium against a real Arbor on loopback: a user signs in
 * with a wrong password and an administrator changes the user's first name over REST; amadmin
 * opens the Audit section, finds the failed sign-in (filtered by user and outcome) with the node
 * that failed, and the edit in the Activity tab with its before and after (never the password).
 * The page breaks no rule of its policy and throws nothing. Screenshots go to
 * `test-output/screenshots/admin-audit-*.png`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, adminClient, addUser } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';
import type { BrowserHarness } from './browser-harness.ts';
import { ensureAdminAppBuilt } from './admin-app-build.ts';
import { startBrowser } from './browser-harness.ts';
import { chromiumSkip } from './launch-chromium.ts';
import { recordPageProblems } from './page-problems.ts';

describe('the admin app audit in Chromium', { skip: chromiumSkip() }, () => {
  let server: TestServer;
  let harness: BrowserHarness;
  let page: Page;
  let problems: string[] = [];

  before(async () => {
    await ensureAdminAppBuilt();
    [harness, server] = await Promise.all([startBrowser('admin-audit'), startTestServer({ ownPublicUrl: true })]);
    await addUser(server, 'alpha', 'bjensen', 'Ch4ngeit!-Xq', { givenName: 'Babs', sn: 'Jensen' }, { termsAccepted: true });
    const refused = await fetch(`${server.baseUrl}/am/json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=Login`, {
      method: 'POST',
      headers: { 'x-openam-username': 'bjensen', 'x-openam-password': 'Not-The-Passw0rd', 'accept-api-version': 'resource=2.0, protocol=1.0', 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(refused.status, 401);
    const admin = await adminClient(server);
    const found = await admin('GET', `/openidm/managed/alpha_user?_queryFilter=${encodeURIComponent('userName eq "bjensen"')}`);
    const id = (found.json.result as { _id: string }[])[0]?._id ?? '';
    const patched = await admin('PATCH', `/openidm/managed/alpha_user/${id}`, [
      { operation: 'replace', field: '/givenName', value: 'Barbara' },
      { operation: 'replace', field: '/password', value: 'Another-Passw0rd-1' },
    ]);
    assert.equal(patched.status, 200, JSON.stringify(patched.json));
    page = await harness.newPage();
    // The first check before signing in (401) is logged by the browser as a failed load: expected.
    problems = recordPageProblems(page, /^401$/);
  });
  after(async () => {
    await harness?.close();
    await server?.close();
  });

  it('signs amadmin in and opens the Audit section of alpha from the navigation', async () => {
    await page.goto(`${server.baseUrl}/admin#/alpha/journeys`);
    await page.getByLabel('User Name', { exact: true }).fill('amadmin');
    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Journeys', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('heading', { name: 'Audit', level: 1 }).waitFor();
    assert.equal(new URL(page.url()).hash, '#/alpha/audit');
    await page.getByRole('cell', { name: 'Login: FAILURE at DataStoreDecisionNode' }).first().waitFor();
    await harness.screenshot(page, 'authentication');
  });

  it('finds the failed sign-in by user and outcome, and shows the node that failed', async () => {
    await page.getByLabel('User', { exact: true }).fill('bjensen');
    await page.getByLabel('Outcome').selectOption('FAILURE');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Events 1–1' }).waitFor();
    assert.deepEqual(await page.locator('tbody tr td:nth-child(2)').allTextContents(), ['bjensen']);
    await page.getByRole('button', { name: /^Details of Login: FAILURE/ }).click();
    const details = page.getByRole('complementary');
    await details.getByRole('heading', { name: 'Login: FAILURE at DataStoreDecisionNode' }).waitFor();
    assert.match((await details.textContent()) ?? '', /DataStoreDecisionNode/);
    await harness.screenshot(page, 'failure-details');
  });

  it("shows the edit in the Activity tab with before and after, and never the password", async () => {
    await page.getByRole('tab', { name: 'Activity' }).click();
    await page.getByRole('tab', { name: 'Activity', selected: true }).waitFor();
    assert.equal(new URL(page.url()).hash, '#/alpha/audit/activity');
    await page.getByRole('button', { name: /^Details of update alpha_user bjensen/ }).click();
    const changes = page.getByRole('complementary').getByRole('table');
    await changes.getByRole('cell', { name: '/givenName' }).waitFor();
    const row = changes.getByRole('row').filter({ hasText: '/givenName' });
    assert.deepEqual(await row.getByRole('cell').allTextContents(), ['/givenName', '"Babs"', '"Barbara"']);
    const text = (await page.getByRole('complementary').textContent()) ?? '';
    assert.ok(!text.includes('Another-Passw0rd-1') && !text.includes('Ch4ngeit') && !text.includes('$argon2'), 'no password in the details');
    assert.match(text, /amadmin/, 'the administrator who did it');
    await harness.screenshot(page, 'activity-details');
  });

  it('breaks no rule of the page policy and throws nothing', () => {
    assert.deepEqual(problems, []);
  });
});
