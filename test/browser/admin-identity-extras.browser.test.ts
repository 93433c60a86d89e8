/**
 * A user's sessions, linked social accounts and devices, and the Sessions section, in Chromium
 * against a real Arbor on loopback: a user signs in twice over REST; amadmin sees both sessions on
 * the user's page and in the Sessions section, signs one out there (its token no longer validates,
 * the other does), then "Sign out everywhere" on the user's page ends the other; a linked social
 * account is unlinked; a user who registered an authenticator app through `MFALogin` has it
 * listed, and deleting it removes it. The page breaks no rule of its policy and throws nothing.
 * Screenshots go to `test-output/screenshots/admin-identity-extras-*.png`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { decodeBase32 } from '../../src/mfa/oath/base32.ts';
import { totp } from '../../src/mfa/oath/totp.ts';
import { ADMIN_PASSWORD, adminClient, addUser, readUser } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';
import type { BrowserHarness } from './browser-harness.ts';
import { ensureAdminAppBuilt } from './admin-app-build.ts';
import { startBrowser } from './browser-harness.ts';
import { chromiumSkip } from './launch-chromium.ts';
import { recordPageProblems } from './page-problems.ts';

const ALPHA = '/am/json/realms/root/realms/alpha';
const PASSWORD = 'Sunny-Day-42x';

type Callback = { type: string; output?: { name: string; value: unknown }[]; input?: { name: string; value: unknown }[] };
type Step = { authId?: string; tokenId?: string; callbacks?: Callback[] };

describe('the admin app: sessions, linked accounts and devices in Chromium', { skip: chromiumSkip() }, () => {
  let server: TestServer;
  let harness: BrowserHarness;
  let page: Page;
  let problems: string[] = [];
  let older = '';
  let newer = '';

  async function authenticate(tree: string, body: unknown, headers: Record<string, string> = {}): Promise<Step> {
    const response = await fetch(`${server.baseUrl}${ALPHA}/authenticate?authIndexType=service&authIndexValue=${tree}`, {
      method: 'POST',
      headers: { 'accept-api-version': 'resource=2.0, protocol=1.0', 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as Step;
    assert.ok(response.status === 200, `${tree}: ${response.status} ${JSON.stringify(answer)}`);
    return answer;
  }

  /** Signs `username` in to alpha's Login over REST; the session token. */
  async function restSignIn(username: string): Promise<string> {
    const answer = await authenticate('Login', {}, { 'x-openam-username': username, 'x-openam-password': PASSWORD });
    assert.equal(typeof answer.tokenId, 'string', JSON.stringify(answer));
    return String(answer.tokenId);
  }

  async function validates(token: string): Promise<boolean> {
    const response = await fetch(`${server.baseUrl}${ALPHA}/sessions?_action=validate`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-api-version': 'resource=2.1, protocol=1.0' }, body: JSON.stringify({ tokenId: token }) });
    return ((await response.json()) as { valid: boolean }).valid;
  }

  /** Registers an authenticator app for `username` through alpha's MFALogin, answering each step as a client would. */
  async function registerOath(username: string): Promise<void> {
    let step = await authenticate('MFALogin', {});
    let secret: Uint8Array | undefined;
    for (let round = 0; round < 12 && step.tokenId === undefined; round += 1) {
      for (const callback of step.callbacks ?? []) {
        for (const output of callback.output ?? []) {
          if (typeof output.value === 'string' && output.value.startsWith('otpauth://')) secret = decodeBase32(new URL(output.value).searchParams.get('secret') ?? '');
        }
        const first = callback.input?.[0];
        if (first === undefined) continue;
        if (callback.type === 'NameCallback') first.value = secret === undefined ? username : totp({ secret, timeMs: server.clock.now(), periodSeconds: 30, digits: 6 });
        else if (callback.type === 'PasswordCallback') first.value = PASSWORD;
        else if (callback.type === 'ChoiceCallback' || callback.type === 'ConfirmationCallback') first.value = 0;
      }
      step = await authenticate('MFALogin', step);
    }
    assert.ok(secret !== undefined && step.tokenId !== undefined, `registered and signed in: ${JSON.stringify(step)}`);
  }

  before(async () => {
    await ensureAdminAppBuilt();
    [harness, server] = await Promise.all([startBrowser('admin-identity-extras'), startTestServer({ ownPublicUrl: true })]);
    await addUser(server, 'alpha', 'sally', PASSWORD, { givenName: 'Sally', sn: 'Ride' }, { termsAccepted: true });
    await addUser(server, 'alpha', 'otto', PASSWORD, { givenName: 'Otto', sn: 'Lilienthal' }, { termsAccepted: true });
    const admin = await adminClient(server);
    const sally = await readUser(admin, 'alpha_user', 'sally');
    const linked = await admin('PATCH', `/openidm/managed/alpha_user/${String(sally._id)}`, [{ operation: 'replace', field: '/aliasList', value: ['google-108234', 'github-77'] }]);
    assert.equal(linked.status, 200, JSON.stringify(linked.json));
    older = await restSignIn('sally');
    server.clock.advance(2000);
    newer = await restSignIn('sally');
    await registerOath('otto');
    page = await harness.newPage();
    // The first check before signing in (401) is logged by the browser as a failed load: expected.
    problems = recordPageProblems(page, /^401$/);
  });
  after(async () => {
    await harness?.close();
    await server?.close();
  });

  async function openUser(username: string): Promise<void> {
    await page.goto(`${server.baseUrl}/admin#/alpha/identities`);
    await page.getByLabel('Search users').fill(username);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('button', { name: username, exact: true }).click();
    await page.getByRole('heading', { name: username, level: 1 }).waitFor();
  }

  const sessionRows = () => page.locator('.sessions-table tbody tr');

  it('signs amadmin in and shows both of the user’s sessions on their page, without their tokens', async () => {
    await page.goto(`${server.baseUrl}/admin#/alpha/identities`);
    await page.getByLabel('User Name', { exact: true }).fill('amadmin');
    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Identities', level: 1 }).waitFor();
    await openUser('sally');
    await page.getByRole('heading', { name: 'Sessions', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Sign out session 2', exact: true }).waitFor();
    assert.equal(await sessionRows().count(), 2);
    const html = await page.content();
    assert.ok(!html.includes(older) && !html.includes(newer), 'no session token on the page');
    await page.getByRole('button', { name: 'Unlink github-77', exact: true }).waitFor();
    await page.getByText('No registered device.').waitFor();
    await harness.screenshot(page, 'user');
  });

  it('lists the sessions in the Sessions section and signs the newest out there: only that token stops validating', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Sessions' }).click();
    await page.getByRole('heading', { name: 'Sessions', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Sign out session 1 of', exact: false }).first().waitFor();
    // otto's session from MFALogin is there too; a search narrows to sally's.
    assert.deepEqual((await page.locator('.sessions-table tbody tr td:first-child').allTextContents()).sort(), ['otto', 'sally', 'sally']);
    await page.getByLabel('User name').fill('sal');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.locator('.pager').filter({ hasText: '1–2 of 2' }).waitFor();
    assert.deepEqual(await page.locator('.sessions-table tbody tr td:first-child').allTextContents(), ['sally', 'sally']);
    await harness.screenshot(page, 'sessions-section');
    await page.getByRole('button', { name: 'Sign out session 1 of sally', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Signed out a session of sally.' }).waitFor();
    assert.equal(await sessionRows().count(), 1);
    assert.equal(await validates(newer), false, 'the newest session ended');
    assert.equal(await validates(older), true, 'the other still validates');
  });

  it('signs the user out everywhere from their page', async () => {
    await page.getByRole('link', { name: 'sally', exact: true }).click();
    await page.getByRole('heading', { name: 'sally', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Sign out session 1', exact: true }).waitFor();
    assert.equal(await sessionRows().count(), 1);
    await page.getByRole('button', { name: 'Sign out everywhere', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Signed out everywhere' }).waitFor();
    await page.getByText('No active session.').waitFor();
    assert.equal(await validates(older), false);
  });

  it('unlinks a social account', async () => {
    await page.getByRole('button', { name: 'Unlink google-108234', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Unlinked the google account.' }).waitFor();
    await page.getByRole('button', { name: 'Unlink google-108234', exact: true }).waitFor({ state: 'detached' });
    const response = await (await adminClient(server))('GET', `/openidm/managed/alpha_user?_queryFilter=${encodeURIComponent('userName eq "sally"')}&_fields=aliasList`);
    assert.deepEqual((response.json.result as Record<string, unknown>[])[0]?.aliasList, ['github-77']);
  });

  it('lists the authenticator app a user registered and deletes it', async () => {
    await openUser('otto');
    const item = page.locator('.item-list li').filter({ hasText: 'Authenticator app (OATH)' });
    await item.waitFor();
    await page.getByText(/Recovery codes left for oath: 10/).waitFor();
    await harness.screenshot(page, 'devices');
    await item.getByRole('button', { name: /^Delete / }).click();
    await page.getByRole('button', { name: 'Delete device', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Deleted' }).waitFor();
    await page.getByText('No registered device.').waitFor();
    const otto = await readUser(await adminClient(server), 'alpha_user', 'otto');
    const listed = await (await adminClient(server))('GET', `${ALPHA}/users/${String(otto._id)}/devices/2fa/oath?_queryFilter=true`);
    assert.deepEqual(listed.json.result, []);
  });

  it('breaks no rule of the page’s policy and throws nothing', () => {
    assert.deepEqual(problems, []);
  });
});
