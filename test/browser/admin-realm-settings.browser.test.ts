/**
 * The admin app's Realm settings in Chromium against a real Arbor on loopback: amadmin sets
 * alpha's lockout to two failures, and a user is then locked at the second wrong password; a
 * value the server refuses (an external login page on another site) is listed in an alert and
 * nothing changes. Screenshots go to `test-output/screenshots/admin-realm-settings-*.png`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, addUser } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';
import { ensureAdminAppBuilt } from './admin-app-build.ts';
import type { BrowserHarness } from './browser-harness.ts';
import { startBrowser } from './browser-harness.ts';
import { chromiumSkip } from './launch-chromium.ts';
import { recordPageProblems } from './page-problems.ts';

describe('the admin app realm settings in Chromium', { skip: chromiumSkip() }, () => {
  let server: TestServer;
  let harness: BrowserHarness;
  let page: Page;
  let problems: string[] = [];

  before(async () => {
    await ensureAdminAppBuilt();
    [harness, server] = await Promise.all([startBrowser('admin-realm-settings'), startTestServer({ ownPublicUrl: true })]);
    await addUser(server, 'alpha', 'tries', 'Right-Passw0rd', { givenName: 'Tri', sn: 'Es' }, { termsAccepted: true });
    page = await harness.newPage();
    // The check before signing in (401) and the refused save (400) are logged by the browser as failed loads: expected.
    problems = recordPageProblems(page, /^40[01]$/);
  });
  after(async () => {
    await harness?.close();
    await server?.close();
  });

  async function restSignIn(username: string, password: string): Promise<{ status: number; body: string }> {
    const response = await fetch(`${server.baseUrl}/am/json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=Login`, {
      method: 'POST',
      headers: { 'x-openam-username': username, 'x-openam-password': password, 'accept-api-version': 'resource=2.0, protocol=1.0', 'content-type': 'application/json' },
      body: '{}',
    });
    return { status: response.status, body: await response.text() };
  }

  it("opens alpha's realm settings from the navigation", async () => {
    await page.goto(`${server.baseUrl}/admin#/alpha/journeys`);
    await page.getByLabel('User Name', { exact: true }).fill('amadmin');
    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Realm settings' }).click();
    await page.getByRole('heading', { name: 'Realm settings', level: 1 }).waitFor();
    assert.equal(await page.getByLabel('Failures that lock').inputValue(), '5');
    assert.equal(await page.getByLabel('Default journey').inputValue(), 'Login');
    await harness.screenshot(page, 'form');
  });

  it('sets the lockout to two failures, and a user is locked at the second wrong password', async () => {
    await page.getByLabel('Failures that lock').fill('2');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    for (let failure = 0; failure < 2; failure++) assert.equal((await restSignIn('tries', 'Wrong-Passw0rd')).status, 401);
    const locked = await restSignIn('tries', 'Right-Passw0rd');
    assert.equal(locked.status, 401, 'the right password is refused while the account is locked');
    assert.match(locked.body, /locked/i);
  });

  it("lists the server's reasons for refusing an external login page on another site, and keeps the stored value", async () => {
    await page.getByLabel('External login page URL').fill('https://evil.example/login');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'externalLoginUrl' });
    await alert.waitFor();
    await harness.screenshot(page, 'refused');
    await page.reload();
    await page.getByRole('heading', { name: 'Realm settings', level: 1 }).waitFor();
    await page.getByLabel('Failures that lock').waitFor();
    assert.equal(await page.getByLabel('External login page URL').inputValue(), '');
    assert.equal(await page.getByLabel('Failures that lock').inputValue(), '2');
  });

  it('breaks no rule of the page policy and throws nothing', () => {
    assert.deepEqual(problems, []);
  });
});
