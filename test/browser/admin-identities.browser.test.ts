/**
 * The admin app's Identities section in Chromium against a real Arbor on loopback: amadmin signs
 * in, opens alpha's identities, finds users by free text and by a raw query filter, edits a user's
 * first name (saved, still there after a reload), sees the server's policy failure beside the
 * email field for a bad address, and unlocks a user locked out by wrong passwords through the
 * authenticate REST (their right password is refused before, accepted after). The page breaks no
 * rule of its policy and throws nothing. Screenshots go to
 * `test-output/screenshots/admin-identities-*.png`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, adminClient, addUser, readUser } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';
import type { BrowserHarness } from './browser-harness.ts';
import { ensureAdminAppBuilt } from './admin-app-build.ts';
import { startBrowser } from './browser-harness.ts';
import { chromiumSkip } from './launch-chromium.ts';
import { recordPageProblems } from './page-problems.ts';

describe('the admin app identities in Chromium', { skip: chromiumSkip() }, () => {
  let server: TestServer;
  let harness: BrowserHarness;
  let page: Page;
  let problems: string[] = [];

  before(async () => {
    await ensureAdminAppBuilt();
    [harness, server] = await Promise.all([startBrowser('admin-identities'), startTestServer({ ownPublicUrl: true })]);
    await addUser(server, 'alpha', 'bjensen', 'Ch4ngeit!-Xq', { givenName: 'Babs', sn: 'Jensen' }, { termsAccepted: true });
    await addUser(server, 'alpha', 'scarter', 'Sunny-Day-42', { givenName: 'Sam', sn: 'Carter' }, { termsAccepted: true });
    await addUser(server, 'alpha', 'lockme', 'Right-Passw0rd', { givenName: 'Lock', sn: 'Me' }, { termsAccepted: true });
    page = await harness.newPage();
    // The first check before signing in (401), the refused filter (400) and the policy refusal (403) are logged by the browser as failed loads: expected.
    problems = recordPageProblems(page, /^40[013]$/);
  });
  after(async () => {
    await harness?.close();
    await server?.close();
  });

  /** Signs in to alpha's Login through the authenticate REST with headers; the HTTP status. */
  async function restSignIn(username: string, password: string): Promise<number> {
    const response = await fetch(`${server.baseUrl}/am/json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=Login`, {
      method: 'POST',
      headers: { 'x-openam-username': username, 'x-openam-password': password, 'accept-api-version': 'resource=2.0, protocol=1.0', 'content-type': 'application/json' },
      body: '{}',
    });
    await response.text();
    return response.status;
  }

  it("signs amadmin in and opens alpha's identities from the navigation", async () => {
    await page.goto(`${server.baseUrl}/admin#/alpha/journeys`);
    await page.getByLabel('User Name', { exact: true }).fill('amadmin');
    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Journeys', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Identities' }).click();
    await page.getByRole('heading', { name: 'Identities', level: 1 }).waitFor();
    assert.equal(new URL(page.url()).hash, '#/alpha/identities');
    await page.getByRole('button', { name: 'scarter', exact: true }).waitFor();
    await harness.screenshot(page, 'list');
  });

  it('finds users by free text over the name attributes and by a raw query filter', async () => {
    await page.getByLabel('Search users').fill('jens');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('button', { name: 'scarter', exact: true }).waitFor({ state: 'detached' });
    assert.deepEqual(await page.locator('tbody tr td:first-child').allTextContents(), ['bjensen'], 'sn starts with "Jens"');
    await page.getByLabel('Search by').selectOption('filter');
    await page.getByLabel('Query filter').fill('mail eq "scarter@example.com"');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('button', { name: 'scarter', exact: true }).waitFor();
    assert.deepEqual(await page.locator('tbody tr td:first-child').allTextContents(), ['scarter']);
    await page.getByLabel('Query filter').fill('telephoneNumber pr');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'not searchable' }).waitFor();
    await harness.screenshot(page, 'filter-refused');
    await page.getByLabel('Query filter').fill('userName eq "bjensen"');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('button', { name: 'bjensen', exact: true }).click();
    await page.getByRole('heading', { name: 'bjensen', level: 1 }).waitFor();
  });

  it("edits a user's first name: saved, and still there after a reload", async () => {
    assert.equal(await page.getByLabel('First Name').inputValue(), 'Babs');
    await page.getByLabel('First Name').fill('Barbara');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'bjensen', level: 1 }).waitFor();
    await page.getByLabel('First Name').and(page.locator('[value="Barbara"]')).waitFor();
    const stored = await readUser(await adminClient(server), 'alpha_user', 'bjensen');
    assert.equal(stored.givenName, 'Barbara');
    await harness.screenshot(page, 'user');
  });

  it("shows the server's policy failure beside the email field for a bad address, and changes nothing", async () => {
    await page.getByLabel('Email Address').fill('not-an-address');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const errors = page.locator('#user-field-mail-errors');
    await errors.filter({ hasText: 'Not a valid email address.' }).waitFor();
    assert.equal(await page.getByLabel('Email Address').getAttribute('aria-describedby'), 'user-field-mail-errors');
    await harness.screenshot(page, 'policy-failure');
    const stored = await readUser(await adminClient(server), 'alpha_user', 'bjensen');
    assert.equal(stored.mail, 'bjensen@example.com');
  });

  it('unlocks a user locked out by wrong passwords', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) assert.equal(await restSignIn('lockme', 'Wrong-Passw0rd'), 401);
    assert.equal(await restSignIn('lockme', 'Right-Passw0rd'), 401, 'locked: the right password is refused');
    await page.goto(`${server.baseUrl}/admin#/alpha/identities`);
    await page.getByLabel('Search users').fill('lockme');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('button', { name: 'lockme', exact: true }).click();
    await page.getByRole('heading', { name: 'lockme', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Unlocked' }).waitFor();
    await harness.screenshot(page, 'unlocked');
    assert.equal(await restSignIn('lockme', 'Right-Passw0rd'), 200, 'the right password is accepted again');
  });

  it('breaks no rule of the page policy and throws nothing', () => {
    assert.deepEqual(problems, []);
  });
});
