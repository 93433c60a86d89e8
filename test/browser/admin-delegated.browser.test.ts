/**
 * Delegated administration in the admin app, in Chromium against a real Arbor on loopback: a
 * realm administrator who is a user of alpha signs in to realm alpha on the app's sign-in form and
 * sees alpha only (journeys listed, no other realm offered); a read-only auditor sees every realm
 * marked "Read-only", and a save of theirs is refused by the server, changing nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { RestApi } from '../helpers/self-service.ts';
import { adminClient, addUser, readUser } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';
import { ensureAdminAppBuilt } from './admin-app-build.ts';
import type { BrowserHarness } from './browser-harness.ts';
import { startBrowser } from './browser-harness.ts';
import { chromiumSkip } from './launch-chromium.ts';
import { recordPageProblems } from './page-problems.ts';

const PASSWORD = 'Delegat3d-Passw0rd';

describe('delegated administration in the admin app in Chromium', { skip: chromiumSkip() }, () => {
  let server: TestServer;
  let harness: BrowserHarness;
  let admin: RestApi;
  let page: Page;
  let problems: string[] = [];

  before(async () => {
    await ensureAdminAppBuilt();
    [harness, server] = await Promise.all([startBrowser('admin-delegated'), startTestServer({ ownPublicUrl: true })]);
    admin = await adminClient(server);
    await addUser(server, 'alpha', 'ada', PASSWORD, { givenName: 'Ada', sn: 'Admin' }, { termsAccepted: true });
    await addUser(server, 'root', 'audrey', PASSWORD, { givenName: 'Audrey', sn: 'Auditor' });
    for (const [type, name, role] of [['alpha_user', 'ada', 'realm-admin-alpha'], ['user', 'audrey', 'auditor']] as const) {
      const user = await readUser(admin, type, name);
      const granted = await admin('POST', `/openidm/managed/${type}/${String(user._id)}/authzRoles`, { _ref: `internal/role/${role}` });
      assert.equal(granted.status, 201, JSON.stringify(granted.json));
    }
    page = await harness.newPage();
    // The checks before signing in (401) and the auditor's refused save (403) are logged by the browser as failed loads: expected.
    problems = recordPageProblems(page, /^40[13]$/);
  });
  after(async () => {
    await harness?.close();
    await server?.close();
  });

  async function signIn(realm: string | undefined, username: string): Promise<void> {
    await page.goto(`${server.baseUrl}/admin${realm === undefined ? '' : `?realm=${realm}`}#/alpha/journeys`);
    await page.getByLabel('User Name', { exact: true }).fill(username);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  it("signs a realm administrator in to their realm, showing that realm's journeys and no other realm", async () => {
    await page.goto(`${server.baseUrl}/admin#/alpha/journeys`);
    await page.getByLabel('Realm', { exact: true }).fill('alpha');
    await page.getByRole('button', { name: 'Change' }).click();
    await page.getByRole('button', { name: 'Change' }).and(page.locator('[disabled]')).waitFor();
    await page.getByLabel('User Name', { exact: true }).fill('ada');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Journeys', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Login', exact: true }).or(page.getByRole('link', { name: 'Login', exact: true })).first().waitFor();
    assert.deepEqual(await page.locator('header select option').allTextContents(), ['alpha']);
    assert.equal(await page.getByText('Read-only').count(), 0);
    await harness.screenshot(page, 'realm-admin');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('User Name', { exact: true }).waitFor();
  });

  it('shows an auditor every realm marked read-only, and the server refuses their save', async () => {
    await signIn('root', 'audrey');
    await page.getByRole('heading', { name: 'Journeys', level: 1 }).waitFor();
    await page.getByText('Read-only', { exact: true }).waitFor();
    const realms = await page.locator('header select option').allTextContents();
    assert.ok(realms.includes('root') && realms.includes('alpha'), realms.join());
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Realm settings' }).click();
    await page.getByLabel('Failures that lock').fill('9');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('alert').filter({ hasText: 'may not change anything' }).waitFor();
    await harness.screenshot(page, 'auditor-refused');
    const stored = await admin('GET', '/am/json/realms/root/realms/alpha/realm-config/authentication');
    assert.equal((stored.json.security as Record<string, unknown>).loginFailureCount, 5);
  });

  it('breaks no rule of the page policy and throws nothing', () => {
    assert.deepEqual(problems, []);
  });
});
