/**
 * The Login and Registration pages in a real browser (Debian's Chromium through playwright-core)
 * against a real Arbor on loopback: a user types their name and password into the alpha Login
 * page and lands on the signed-in page with the session cookie; a wrong password shows the failure
 * page; Registration shows the failed password policy next to the password, and once the password
 * is fixed creates the user and signs them in; the third sign-in asks for the missing preferences
 * (progressive profile) and stores them; the pages have no serious or critical accessibility
 * violations (axe-core) in light and dark. Screenshots of Login and Registration (plain and with
 * the policy failure) in light and dark, desktop and mobile, go to `test-output/screenshots/`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RestApi } from '../helpers/self-service.ts';
import { addUser, adminClient, readUser } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';
import type { BrowserHarness } from './browser-harness.ts';
import { axeViolations, startBrowser } from './browser-harness.ts';
import { chromiumSkip } from './launch-chromium.ts';
import { fieldErrors, fillRegistration, fillSignIn, headingOf, pressAndLand, pressAndPost, sessionCookieOf } from './page-forms.ts';

const LOGIN = '/login?realm=alpha&journey=Login';
const REGISTRATION = '/login?realm=alpha&journey=Registration';

describe('the Login and Registration pages in Chromium', { skip: chromiumSkip() }, () => {
  let server: TestServer;
  let admin: RestApi;
  let harness: BrowserHarness;

  before(async () => {
    [harness, server] = await Promise.all([startBrowser('login'), startTestServer()]);
    admin = await adminClient(server);
    await addUser(server, 'alpha', 'omar', 'Omar-Passw0rd1', { mail: 'omar@example.com' }, { termsAccepted: true });
    await addUser(server, 'alpha', 'gail', 'Gail-Passw0rd1', { mail: 'gail@example.com' }, { termsAccepted: true });
  });
  after(async () => {
    await harness?.close();
    await server?.close();
  });

  it('signs a user in who types their name and password, landing on the signed-in page with the session cookie', async () => {
    const page = await harness.newPage();
    const response = await page.goto(`${server.baseUrl}${LOGIN}`);
    assert.equal(response?.status(), 200);
    assert.equal(await headingOf(page), 'Sign In');
    await fillSignIn(page, 'omar', 'Omar-Passw0rd1');
    await pressAndLand(page, '/login/done');
    assert.equal(await headingOf(page), 'You are signed in');
    assert.match((await page.locator('main').textContent()) ?? '', /You are signed in as omar\./);
    const session = (await page.context().cookies(server.baseUrl)).find((cookie) => cookie.name === 'iPlanetDirectoryPro');
    assert.ok(session !== undefined && session.value !== '', 'the session cookie is set');
    assert.equal(session.httpOnly, true);
  });

  it('shows the failure page after a wrong password, with a way to start again and no session', async (t) => {
    const page = await harness.newPage();
    await page.goto(`${server.baseUrl}${LOGIN}`);
    await fillSignIn(page, 'omar', 'Wrong-Passw0rd1');
    const response = await pressAndPost(page);
    assert.equal(response.status(), 401);
    assert.equal(await page.getByRole('alert').textContent(), 'Login failure');
    assert.equal(await page.getByRole('link', { name: 'Start again' }).count(), 1);
    t.diagnostic(`failure page: ${await harness.screenshot(page, 'failure')}`);
    assert.equal(await sessionCookieOf(page, server.baseUrl), undefined);
  });

  it('shows the failed password policy next to the password on Registration; with a valid password the user is created and signed in', async () => {
    const page = await harness.newPage();
    const response = await page.goto(`${server.baseUrl}${REGISTRATION}`);
    assert.equal(response?.status(), 200);
    assert.equal(await headingOf(page), 'Sign Up');
    await fillRegistration(page, { userName: 'petra', givenName: 'Petra', sn: 'Pan', password: 'short' });
    assert.equal((await pressAndPost(page)).status(), 200);
    const password = page.getByLabel('Password', { exact: true });
    assert.equal(await password.getAttribute('aria-invalid'), 'true');
    const errors = await fieldErrors(page, password);
    assert.equal(await errors.count(), 1, 'the password names its error list');
    assert.match((await errors.textContent()) ?? '', /Use at least \d+ characters\./);
    assert.equal(await page.getByLabel('Username', { exact: true }).inputValue(), 'petra', 'the username is kept');
    assert.equal(await page.getByLabel('First Name', { exact: true }).inputValue(), 'Petra', 'the first name is kept');

    // The person fixes the password; the fields the browser does not keep (password, answers, terms) are typed again.
    await fillRegistration(page, { userName: 'petra', givenName: 'Petra', sn: 'Pan', password: 'Str0ng-Secret9' });
    await pressAndLand(page, '/login/done');
    assert.match((await page.locator('main').textContent()) ?? '', /You are signed in as petra\./);
    assert.ok((await sessionCookieOf(page, server.baseUrl)) !== undefined, 'the session cookie is set');
    const petra = await readUser(admin, 'alpha_user', 'petra');
    assert.deepEqual([petra.givenName, petra.sn, petra.mail], ['Petra', 'Pan', 'petra@example.com']);
  });

  it('names the field a password must not contain when it contains the username', async () => {
    const page = await harness.newPage();
    await page.goto(`${server.baseUrl}${REGISTRATION}`);
    // The policy compares case-sensitively (as IDM's does), so the password holds the username as typed.
    await fillRegistration(page, { userName: 'quentin', givenName: 'Zed', sn: 'Yuma', password: 'Passw0rd-quentin' });
    assert.equal((await pressAndPost(page)).status(), 200);
    const password = page.getByLabel('Password', { exact: true });
    const errors = await fieldErrors(page, password);
    const text = (await errors.textContent()) ?? '';
    assert.match(text, /Must not contain your/, 'the CANNOT_CONTAIN_OTHERS policy is shown');
    assert.match(text, /user\s?name/i, `the sentence names the username: "${text}"`);
  });

  it('asks for the missing preferences at the third sign-in, stores them and signs the user in', async () => {
    for (const attempt of [1, 2]) {
      const page = await harness.newPage();
      await page.goto(`${server.baseUrl}${LOGIN}`);
      await fillSignIn(page, 'gail', 'Gail-Passw0rd1');
      await pressAndLand(page, '/login/done');
      assert.equal(await headingOf(page), 'You are signed in', `sign-in ${attempt}`);
    }
    const page = await harness.newPage();
    await page.goto(`${server.baseUrl}${LOGIN}`);
    await fillSignIn(page, 'gail', 'Gail-Passw0rd1');
    assert.equal((await pressAndPost(page)).status(), 200);
    assert.equal(await headingOf(page), 'Please select your preferences');
    assert.equal(await sessionCookieOf(page, server.baseUrl), undefined, 'not signed in before the preferences are answered');
    await page.getByRole('checkbox', { name: 'Send me news and updates' }).check();
    assert.equal(await page.getByRole('checkbox', { name: 'Send me special offers and services' }).isChecked(), false);
    await pressAndLand(page, '/login/done');
    assert.match((await page.locator('main').textContent()) ?? '', /You are signed in as gail\./);
    assert.ok((await sessionCookieOf(page, server.baseUrl)) !== undefined);
    assert.deepEqual((await readUser(admin, 'alpha_user', 'gail')).preferences, { marketing: false, updates: true });
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    for (const [name, url] of [
      ['Login', LOGIN],
      ['Registration', REGISTRATION],
    ] as const) {
      it(`has no serious or critical accessibility violations on the ${name} page in ${colorScheme} (axe-core)`, async (t) => {
        const page = await harness.newPage({ bypassCSP: true, colorScheme });
        await page.goto(`${server.baseUrl}${url}`);
        const { blocking, all } = await axeViolations(page);
        t.diagnostic(`axe-core on the ${name} page (${colorScheme}): ${all.length === 0 ? 'no violations' : all.join('; ')}`);
        assert.deepEqual(blocking, []);
      });
    }

    it(`has no serious or critical accessibility violations on Registration showing a policy failure in ${colorScheme} (axe-core)`, async (t) => {
      const page = await harness.newPage({ bypassCSP: true, colorScheme });
      await page.goto(`${server.baseUrl}${REGISTRATION}`);
      await fillRegistration(page, { userName: 'axel', password: 'short' });
      await pressAndPost(page);
      await page.getByRole('alert').first().waitFor();
      const { blocking, all } = await axeViolations(page);
      t.diagnostic(`axe-core on Registration with the policy failure (${colorScheme}): ${all.length === 0 ? 'no violations' : all.join('; ')}`);
      assert.deepEqual(blocking, []);
    });
  }

  it('saves screenshots of Login and Registration (plain and with the policy failure) in light and dark, desktop and mobile', async (t) => {
    const shots: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of ['desktop', 'mobile'] as const) {
        const suffix = `${colorScheme}-${width}`;
        const page = await harness.newPage({ colorScheme, width });
        await page.goto(`${server.baseUrl}${LOGIN}`);
        shots.push(await harness.screenshot(page, `login-${suffix}`));
        await page.goto(`${server.baseUrl}${REGISTRATION}`);
        shots.push(await harness.screenshot(page, `registration-${suffix}`));
        await fillRegistration(page, { userName: 'shot', password: 'short' });
        assert.equal((await pressAndPost(page)).status(), 200);
        await page.getByRole('alert').first().waitFor();
        shots.push(await harness.screenshot(page, `registration-policy-failure-${suffix}`));
      }
    }
    t.diagnostic(`screenshots: ${shots.join(', ')}`);
    assert.equal(shots.length, 12);
  });
});
