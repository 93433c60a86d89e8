/**
 * The journey pages with JavaScript turned off in Chromium, against a real Arbor on loopback: a
 * person signs in on the Login page, and signs up on the Registration page (a failed password
 * policy shown, the password fixed, the account created and signed in), with nothing but HTML
 * forms.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RestApi } from '../helpers/self-service.ts';
import { addUser, adminClient, readUser } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';
import type { BrowserHarness } from './browser-harness.ts';
import { startBrowser } from './browser-harness.ts';
import { chromiumSkip } from './launch-chromium.ts';
import { fieldErrors, fillRegistration, fillSignIn, headingOf, pressAndLand, pressAndPost, sessionCookieOf } from './page-forms.ts';

describe('the journey pages without JavaScript in Chromium', { skip: chromiumSkip() }, () => {
  let server: TestServer;
  let admin: RestApi;
  let harness: BrowserHarness;

  before(async () => {
    [harness, server] = await Promise.all([startBrowser('no-javascript'), startTestServer()]);
    admin = await adminClient(server);
    await addUser(server, 'alpha', 'omar', 'Omar-Passw0rd1', { mail: 'omar@example.com' }, { termsAccepted: true });
  });
  after(async () => {
    await harness?.close();
    await server?.close();
  });

  it('signs a user in on the Login page', async () => {
    const page = await harness.newPage({ javaScript: false });
    await page.setContent('<title>before</title><script>document.title = "ran"</script>');
    assert.equal(await page.title(), 'before', 'scripts do not run in this profile');
    assert.equal((await page.goto(`${server.baseUrl}/login?realm=alpha&journey=Login`))?.status(), 200);
    assert.equal(await headingOf(page), 'Sign In');
    await fillSignIn(page, 'omar', 'Omar-Passw0rd1');
    await pressAndLand(page, '/login/done');
    assert.match((await page.locator('main').textContent()) ?? '', /You are signed in as omar\./);
    assert.ok((await sessionCookieOf(page, server.baseUrl)) !== undefined);
  });

  it('signs a user up on the Registration page: the failed password policy, the fixed password, the account and the session', async (t) => {
    const page = await harness.newPage({ javaScript: false });
    await page.goto(`${server.baseUrl}/login?realm=alpha&journey=Registration`);
    assert.equal(await headingOf(page), 'Sign Up');
    await fillRegistration(page, { userName: 'nadia', givenName: 'Nadia', sn: 'Noscript', password: 'short' });
    assert.equal((await pressAndPost(page)).status(), 200);
    const password = page.getByLabel('Password', { exact: true });
    assert.equal(await password.getAttribute('aria-invalid'), 'true');
    assert.match((await (await fieldErrors(page, password)).textContent()) ?? '', /Use at least \d+ characters\./);
    t.diagnostic(`Registration with the policy failure, no JavaScript: ${await harness.screenshot(page, 'registration-policy-failure')}`);

    await fillRegistration(page, { userName: 'nadia', givenName: 'Nadia', sn: 'Noscript', password: 'Str0ng-Secret9' });
    await pressAndLand(page, '/login/done');
    assert.match((await page.locator('main').textContent()) ?? '', /You are signed in as nadia\./);
    assert.ok((await sessionCookieOf(page, server.baseUrl)) !== undefined);
    const nadia = await readUser(admin, 'alpha_user', 'nadia');
    assert.deepEqual([nadia.givenName, nadia.sn, nadia.mail], ['Nadia', 'Noscript', 'nadia@example.com']);
  });
});
