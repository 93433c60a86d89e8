/**
 * The admin app's OAuth clients and Self-service sections in Chromium against a real Arbor on
 * loopback: amadmin sees alpha's built-in account client, creates a confidential client (a bad
 * redirect URI refused by the server beside its field first), gets its secret once and uses it in
 * a real client credentials grant at the realm's token endpoint, edits its redirect URIs (the
 * secret is kept), deletes it (the grant then fails); then maps self-service functions to journeys
 * and reads the mapping back over REST. The page breaks no rule of its policy and throws nothing.
 * Screenshots go to `test-output/screenshots/admin-clients-*.png`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, adminClient } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';
import type { BrowserHarness } from './browser-harness.ts';
import { ensureAdminAppBuilt } from './admin-app-build.ts';
import { startBrowser } from './browser-harness.ts';
import { chromiumSkip } from './launch-chromium.ts';
import { recordPageProblems } from './page-problems.ts';

const CLIENTS = '/am/json/realms/root/realms/alpha/realm-config/agents/OAuth2Client';

describe('the admin app OAuth clients and self-service in Chromium', { skip: chromiumSkip() }, () => {
  let server: TestServer;
  let harness: BrowserHarness;
  let page: Page;
  let problems: string[] = [];
  let secret = '';

  before(async () => {
    await ensureAdminAppBuilt();
    [harness, server] = await Promise.all([startBrowser('admin-clients'), startTestServer({ ownPublicUrl: true })]);
    page = await harness.newPage();
    // The first check before signing in (401) and the refused client (400) are logged by the browser as failed loads: expected.
    problems = recordPageProblems(page, /^40[01]$/);
  });
  after(async () => {
    await harness?.close();
    await server?.close();
  });

  /** A client credentials grant of `reports` at alpha's token endpoint; the status and body. */
  async function grant(clientSecret: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${server.baseUrl}/am/oauth2/realms/root/realms/alpha/access_token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`reports:${clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'reports.read' }).toString(),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it("signs amadmin in and lists alpha's clients, the built-in account client first", async () => {
    await page.goto(`${server.baseUrl}/admin#/alpha/journeys`);
    await page.getByLabel('User Name', { exact: true }).fill('amadmin');
    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Journeys', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'OAuth clients' }).click();
    await page.getByRole('heading', { name: 'OAuth clients', level: 1 }).waitFor();
    assert.equal(new URL(page.url()).hash, '#/alpha/clients');
    const builtIn = page.getByRole('row').filter({ hasText: 'arbor-account' });
    await builtIn.getByText('Built-in').waitFor();
    assert.equal(await builtIn.getByRole('button').count(), 0, 'the built-in client cannot be opened');
    await harness.screenshot(page, 'list');
  });

  it("creates a confidential client: the server's refusal beside its field, then the secret shown once", async () => {
    await page.getByRole('button', { name: 'New client', exact: true }).click();
    await page.getByRole('heading', { name: 'New OAuth client', level: 1 }).waitFor();
    await page.getByLabel('Client ID').fill('reports');
    await page.getByLabel('Display name').fill('Reports service');
    await page.getByLabel('Client credentials').check();
    await page.getByLabel('Redirect URIs', { exact: true }).fill('javascript:alert(1)');
    await page.getByLabel('Scopes', { exact: true }).fill('openid reports.read');
    await page.getByRole('button', { name: 'Create client', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'The server refused the client' }).waitFor();
    await page.locator('#client-field-redirectionUris-errors').filter({ hasText: 'must not use the javascript: scheme' }).waitFor();
    assert.equal(await page.getByLabel('Redirect URIs', { exact: true }).getAttribute('aria-invalid'), 'true');
    await harness.screenshot(page, 'refused');
    const none = await (await adminClient(server))('GET', `${CLIENTS}/reports`);
    assert.equal(none.status, 404, 'nothing was stored');

    await page.getByLabel('Redirect URIs', { exact: true }).fill('https://reports.example/callback');
    await page.getByRole('button', { name: 'Create client', exact: true }).click();
    await page.getByRole('heading', { name: 'reports', level: 1 }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Created reports.' }).waitFor();
    assert.equal(new URL(page.url()).hash, '#/alpha/clients/client/reports');
    secret = await page.getByLabel('New client secret').inputValue();
    assert.match(secret, /^[A-Za-z0-9_-]{43}$/);
    await page.getByRole('button', { name: 'Copy secret' }).waitFor();
    await harness.screenshot(page, 'created');

    const stored = await (await adminClient(server))('GET', `${CLIENTS}/reports`);
    assert.equal(stored.status, 200);
    assert.doesNotMatch(JSON.stringify(stored.json), new RegExp(secret), 'the server never gives the secret back');
  });

  it('the new client gets tokens with a real client credentials grant', async () => {
    const answer = await grant(secret);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(typeof answer.body.access_token, 'string');
    assert.equal((await grant('not-the-secret')).status, 401);
  });

  it('edits its redirect URIs; the secret is kept and shown no more', async () => {
    await page.getByRole('button', { name: 'I have saved it' }).click();
    await page.getByLabel('New client secret').waitFor({ state: 'detached' });
    await page.getByLabel('Redirect URIs', { exact: true }).fill('https://reports.example/callback\nhttps://reports.example/other');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'reports', level: 1 }).waitFor();
    assert.equal(await page.getByLabel('Redirect URIs', { exact: true }).inputValue(), 'https://reports.example/callback\nhttps://reports.example/other');
    assert.equal(await page.getByLabel('New client secret').count(), 0);
    await harness.screenshot(page, 'edited');
    const stored = await (await adminClient(server))('GET', `${CLIENTS}/reports`);
    const core = stored.json.coreOAuth2ClientConfig as Record<string, { value: unknown }>;
    assert.deepEqual(core.redirectionUris?.value, ['https://reports.example/callback', 'https://reports.example/other']);
    assert.deepEqual(core.clientName?.value, ['Reports service']);
    assert.equal((await grant(secret)).status, 200, 'the secret still works');
  });

  it('deletes it after a confirmation; the grant then fails', async () => {
    await page.getByRole('button', { name: '← OAuth clients' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Reports service' });
    await row.getByText('https://reports.example/other').waitFor();
    await harness.screenshot(page, 'list-with-client');
    await row.getByRole('button', { name: 'reports', exact: true }).click();
    await page.getByRole('heading', { name: 'reports', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('group', { name: 'Confirm deletion' }).getByRole('button', { name: 'Delete client' }).click();
    await page.getByRole('status').filter({ hasText: 'Deleted reports.' }).waitFor();
    await page.getByRole('heading', { name: 'OAuth clients', level: 1 }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'reports', exact: true }).count(), 0);
    await harness.screenshot(page, 'deleted');
    const answer = await grant(secret);
    assert.equal(answer.status, 401);
    assert.equal(answer.body.error, 'invalid_client');
  });

  it('maps self-service functions to journeys and saves; the mapping reads back over REST', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Self-service' }).click();
    await page.getByRole('heading', { name: 'Self-service', level: 1 }).waitFor();
    assert.equal(await page.getByLabel('Journey for Registration').inputValue(), 'Registration');
    await page.getByLabel('Journey for Progressive profile').selectOption('ProgressiveProfile');
    await page.getByLabel('Journey for Update password').selectOption('');
    await page.getByLabel('New endpoint').fill('bad name');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByRole('alert').filter({ hasText: 'Use 1 to 128 letters' }).waitFor();
    await page.getByLabel('New endpoint').fill('device-registration');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByLabel('Journey for device-registration').selectOption('Login');
    await page.getByRole('button', { name: 'Save mapping' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await harness.screenshot(page, 'self-service');
    const stored = await (await adminClient(server))('GET', '/am/json/realms/root/realms/alpha/realm-config/services/selfServiceTrees');
    assert.equal(stored.status, 200);
    assert.deepEqual(stored.json.treeMapping, { registration: 'Registration', resetPassword: 'ResetPassword', forgottenUsername: 'ForgottenUsername', progressiveProfile: 'ProgressiveProfile', 'device-registration': 'Login' });
    await page.reload();
    await page.getByRole('heading', { name: 'Self-service', level: 1 }).waitFor();
    assert.equal(await page.getByLabel('Journey for Update password').inputValue(), '');
    assert.equal(await page.getByLabel('Journey for device-registration').inputValue(), 'Login');
  });

  it('breaks no rule of the page policy and throws nothing', () => {
    assert.deepEqual(problems, []);
  });
});
