/**
 * The account page in a real browser (Chromium through playwright-core) against a real Arbor on
 * loopback, used by labels and roles as a person would: opening `/account` leads to the alpha
 * sign-in page and back; the profile shows a failed policy next to the field, then saves;
 * "Change password" runs the UpdatePassword journey and comes back, and the new password signs
 * in; a consent is withdrawn; the sign-in devices section points to the MFALogin journey; a session of a second browser is signed out from the first (the
 * second is then sent to sign in); "Sign out" ends the session. axe-core finds no serious or
 * critical violation in light and dark, and screenshots in light and dark, desktop and mobile,
 * go to `test-output/screenshots/`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { RestApi } from '../helpers/self-service.ts';
import { addUser, adminClient, readUser } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';
import type { BrowserHarness, ProfileOptions } from './browser-harness.ts';
import { axeViolations, startBrowser } from './browser-harness.ts';
import { chromiumSkip } from './launch-chromium.ts';

const PASSWORD = 'Cedar-Passw0rd1';
const NEW_PASSWORD = 'Maple-Passw0rd2';

describe('the account page in Chromium', { skip: chromiumSkip() }, () => {
  let server: TestServer;
  let admin: RestApi;
  let harness: BrowserHarness;
  let page: Page;
  let password = PASSWORD;

  before(async () => {
    [harness, server] = await Promise.all([startBrowser('account'), startTestServer({ ownPublicUrl: true })]);
    admin = await adminClient(server);
    await addUser(server, 'alpha', 'noor', PASSWORD, { givenName: 'Noor', sn: 'Haddad', mail: 'noor@example.com' }, { termsAccepted: true });
    const consent = await admin('PUT', '/openidm/config/consent', {
      enabled: true,
      mappings: [{ name: 'newsletter', displayName: 'Newsletter', icon: 'mail', accessLevel: 'read', message: { en: 'Share your email with the newsletter' }, fields: ['mail'], consentRequired: false }],
    });
    assert.equal(consent.status, 200, JSON.stringify(consent.json));
    const id = String((await readUser(admin, 'alpha_user', 'noor'))._id);
    const patched = await admin('PATCH', `/openidm/managed/alpha_user/${id}`, [
      { operation: 'replace', field: 'consentedMappings', value: [{ mapping: 'newsletter', consentDate: '2026-11-02T09:30:00.000Z' }] },
    ]);
    assert.equal(patched.status, 200, JSON.stringify(patched.json));
  });
  after(async () => {
    await harness?.close();
    await server?.close();
  });

  /** Opens `/account` in a new profile and signs in on the page it leads to; resolves on the account page. */
  async function signedInPage(options: ProfileOptions = {}, secret = password): Promise<Page> {
    const fresh = await harness.newPage(options);
    await fresh.goto(`${server.baseUrl}/account?realm=alpha`);
    assert.equal(new URL(fresh.url()).pathname, '/login', 'without a session the account page leads to sign in');
    await fresh.getByLabel('User Name', { exact: true }).fill('noor');
    await fresh.getByLabel('Password', { exact: true }).fill(secret);
    await press(fresh, 'Next');
    // The alpha Login asks for missing preferences every few sign-ins (progressive profiling): skipped as it allows.
    if ((await fresh.getByRole('heading', { level: 1 }).textContent()) === 'Please select your preferences') await press(fresh, 'Next');
    assert.equal(new URL(fresh.url()).pathname, '/account', `signed in, the browser shows ${fresh.url()}`);
    return fresh;
  }

  /** Does `act` and waits until the browser shows `path`; fails with what it shows instead. */
  async function land(target: Page, act: () => Promise<void>, path: string): Promise<void> {
    await act();
    try {
      await target.waitForURL((url) => url.pathname === path, { timeout: 5_000 });
    } catch {
      const heading = await target.getByRole('heading', { level: 1 }).textContent();
      throw new Error(`expected ${path}, the browser shows ${target.url()}: "${heading}" ${JSON.stringify(await target.getByRole('alert').allTextContents())}`);
    }
  }

  /** Presses the button (or link) `name` and waits for the page it leads to. */
  async function press(target: Page, name: string, role: 'button' | 'link' = 'button'): Promise<void> {
    await Promise.all([target.waitForEvent('load'), target.getByRole(role, { name, exact: true }).click()]);
  }

  it('signs in from the account page and shows the account', async () => {
    page = await signedInPage();
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Your account');
    assert.equal(await page.getByLabel('First name', { exact: true }).inputValue(), 'Noor');
    assert.equal(await page.getByRole('link', { name: 'Change password' }).count(), 1);
  });

  it('shows a failed policy next to the email address, keeps what was typed, and saves once it is fixed', async (t) => {
    const mail = page.getByLabel('Email address', { exact: true });
    await mail.fill('noor-at-example');
    await page.getByLabel('Telephone number', { exact: true }).fill('+32 2 555 01 23');
    await press(page, 'Save profile');
    assert.equal(await mail.getAttribute('aria-invalid'), 'true');
    const errorsId = await mail.getAttribute('aria-describedby');
    assert.ok(errorsId !== null);
    const errors = page.locator(`[id="${errorsId}"]`);
    assert.equal(await errors.getAttribute('role'), 'alert');
    assert.equal((await errors.textContent())?.trim(), 'Enter a valid email address.');
    assert.equal(await mail.inputValue(), 'noor-at-example', 'the typed value is kept');
    assert.equal(await page.getByLabel('Telephone number', { exact: true }).inputValue(), '+32 2 555 01 23');
    t.diagnostic(`policy failure: ${await harness.screenshot(page, 'profile-policy-failure')}`);

    await mail.fill('noor@example.org');
    await press(page, 'Save profile');
    assert.equal(new URL(page.url()).pathname, '/account');
    assert.equal((await page.getByRole('status').textContent())?.trim(), 'Your profile has been saved.');
    const stored = await readUser(admin, 'alpha_user', 'noor');
    assert.deepEqual([stored.mail, stored.telephoneNumber], ['noor@example.org', '+32 2 555 01 23']);
  });

  it('changes the password through UpdatePassword from the account page, and comes back', async () => {
    await press(page, 'Change password', 'link');
    assert.equal(new URL(page.url()).pathname, '/login');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await press(page, 'Next');
    await page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
    await land(page, () => page.getByRole('button', { name: 'Next', exact: true }).click(), '/account');
    password = NEW_PASSWORD;
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Your account');
    // Another browser signs in with the new password.
    await (await signedInPage({}, NEW_PASSWORD)).close();
  });

  it('withdraws a consent', async () => {
    const consents = page.getByRole('region', { name: 'Terms and consents' });
    assert.match((await consents.textContent()) ?? '', /Newsletter/);
    await press(page, 'Withdraw Newsletter');
    assert.equal((await page.getByRole('status').textContent())?.trim(), 'Your consent has been withdrawn.');
    assert.match((await page.getByRole('region', { name: 'Terms and consents' }).textContent()) ?? '', /You have not consented to sharing your data\./);
    assert.deepEqual((await readUser(admin, 'alpha_user', 'noor')).consentedMappings ?? [], []);
  });

  it('shows the sign-in devices section, pointing a person without devices to the MFALogin journey', async (t) => {
    const devices = page.getByRole('region', { name: 'Sign-in devices' });
    assert.match((await devices.textContent()) ?? '', /You have no sign-in devices yet\./);
    const link = devices.getByRole('link', { name: 'Sign in with multi-factor authentication' });
    assert.equal(await link.getAttribute('href'), '/login?realm=%2Falpha&journey=MFALogin&goto=%2Faccount');
    await devices.scrollIntoViewIfNeeded();
    t.diagnostic(await harness.screenshot(page, 'devices'));
  });

  it('signs out the session of a second browser, which is then sent to sign in', async () => {
    const second = await signedInPage();
    await page.reload();
    const sessions = page.getByRole('region', { name: 'Active sessions' });
    assert.equal(await sessions.getByText('This browser').count(), 1);
    const others = sessions.getByRole('button', { name: /^Sign out Other session/ });
    assert.ok((await others.count()) >= 1, 'the second browser’s session is listed');
    // The newest session is listed first: the second browser's.
    await Promise.all([page.waitForEvent('load'), others.first().click()]);
    assert.equal((await page.getByRole('status').textContent())?.trim(), 'That session has been signed out.');
    await second.goto(`${server.baseUrl}/account`);
    assert.equal(new URL(second.url()).pathname, '/login', 'the second browser is signed out');
    await page.reload();
    assert.equal(new URL(page.url()).pathname, '/account', 'this browser is still signed in');
  });

  it('has no serious or critical accessibility violation, in light and dark', async (t) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const checked = await signedInPage({ bypassCSP: true, colorScheme });
      const { blocking, all } = await axeViolations(checked);
      if (all.length > 0) t.diagnostic(`${colorScheme}: ${all.join('\n')}`);
      assert.deepEqual(blocking, [], `${colorScheme}: ${blocking.join('\n')}`);
    }
  });

  it('takes screenshots in light and dark, desktop and mobile', async (t) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of ['desktop', 'mobile'] as const) {
        const shown = await signedInPage({ colorScheme, width });
        t.diagnostic(await harness.screenshot(shown, `account-${colorScheme}-${width}`));
        // Nothing is wider than the screen.
        const overflow = await shown.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
        assert.equal(overflow, 0, `${colorScheme} ${width}: the page scrolls sideways`);
      }
    }
  });

  it('signs out: the session ends and the browser is back on the sign-in page', async () => {
    await land(page, () => page.getByRole('button', { name: 'Sign out', exact: true }).click(), '/login');
    const cookie = (await page.context().cookies(server.baseUrl)).find((entry) => entry.name === 'iPlanetDirectoryPro');
    assert.ok(cookie === undefined || cookie.value === '', 'the session cookie is gone');
    await page.goto(`${server.baseUrl}/account`);
    assert.equal(new URL(page.url()).pathname, '/login');
  });
});
