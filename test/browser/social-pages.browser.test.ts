/**
 * Social sign-in on the journey pages in Chromium: a real Arbor on loopback with an itsme provider
 * whose redirect URI is Arbor's `/login?realm=alpha`, and the itsme simulator (oidc-provider) on
 * another loopback port, driven by the same browser. A person presses the provider's button on
 * the SocialLogin page, signs in at the provider, comes back to `/login?code&state`, accepts the
 * terms (a new account) and lands signed in with the session cookie; the next time the default
 * Login page's button signs them straight in; that page's Next still signs a local user in.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ConsoleMessage, Page } from 'playwright-core';
import { acceptActiveTerms } from '../../src/http/testing/accept-active-terms.ts';
import { type ItsmeSimulator, startItsmeSimulator } from '../../src/social/testing/itsme-simulator.ts';
import { createItsmeProvider, generateItsmeKeys, type SocialArbor, startSocialArbor } from '../e2e/social-harness.ts';
import type { BrowserHarness } from './browser-harness.ts';
import { startBrowser } from './browser-harness.ts';
import { chromiumSkip } from './launch-chromium.ts';
import { fillSignIn, headingOf, pressAndLand, sessionCookieOf } from './page-forms.ts';

/**
 * Does `press` and waits until the browser, sent to the provider and back, is at an address that
 * `arrived` accepts; when it is not, fails with the address it shows and what the browser's
 * console said (a Content-Security-Policy refusal is reported there).
 */
async function throughProvider(page: Page, press: () => Promise<void>, arrived: (url: URL) => boolean): Promise<void> {
  const console: string[] = [];
  const listen = (message: ConsoleMessage): void => void console.push(message.text());
  page.on('console', listen);
  try {
    await Promise.all([page.waitForURL(arrived, { timeout: 10_000 }), press()]);
  } catch (error) {
    await page.waitForTimeout(500); // the console message of a refusal comes after the aborted navigation
    throw new Error(`the browser did not come back from the provider (it shows ${page.url()}); console: ${JSON.stringify(console)}`, { cause: error });
  } finally {
    page.off('console', listen);
  }
}

describe('social sign-in on the journey pages in Chromium', { skip: chromiumSkip() }, () => {
  let arbor: SocialArbor;
  let simulator: ItsmeSimulator;
  let harness: BrowserHarness;

  before(async () => {
    [harness, arbor] = await Promise.all([startBrowser('social'), startSocialArbor()]);
    await generateItsmeKeys(arbor);
    // `realm=alpha`, not `realm=/alpha`: the simulator (oidc-provider) sends the query back re-encoded.
    const redirectUri = `${arbor.baseUrl}/login?realm=alpha`;
    simulator = await startItsmeSimulator({ redirectUri, clientJwks: await arbor.rpJwks() });
    await createItsmeProvider(arbor, 'itsme', simulator, redirectUri);
    const erin = await arbor.platform.identity.createUser('alpha_user', { userName: 'erin', password: 'Secret-Passw0rd', givenName: 'Erin', sn: 'Local', mail: 'erin@example.com' });
    await acceptActiveTerms(arbor.platform, 'alpha_user', 'erin');
    // Far from the third sign-in, when the Login journey asks for preferences.
    await arbor.platform.identity.updateMeta('alpha_user', erin._id, (meta) => ({ ...meta, loginCount: 10 }));
  });
  after(async () => {
    await harness?.close();
    await simulator?.close();
    await arbor?.close();
  });

  it('signs a new user up through the provider: its button, the provider, the terms, then signed in with the session cookie', async (t) => {
    const page = await harness.newPage();
    assert.equal((await page.goto(`${arbor.baseUrl}/login?realm=alpha&journey=SocialLogin`))?.status(), 200);
    const button = page.getByRole('button', { name: 'itsme', exact: true });
    assert.equal(await button.count(), 1, 'the provider is offered');
    assert.equal(await page.getByRole('group', { name: 'Sign in with' }).count(), 1);
    t.diagnostic(`SocialLogin page: ${await harness.screenshot(page, 'social-login')}`);

    const visited: string[] = [];
    page.on('request', (request) => {
      if (request.isNavigationRequest()) visited.push(request.url());
    });
    await throughProvider(page, () => button.click(), (url) => url.origin === arbor.baseUrl && url.searchParams.has('code'));
    assert.ok(
      visited.some((url) => url.startsWith(simulator.issuer)),
      `the browser went to the provider: ${visited.join(' → ')}`,
    );
    const back = new URL(page.url());
    assert.equal(back.pathname, '/login');
    assert.ok(back.searchParams.has('state'));
    await page.waitForLoadState();
    assert.equal(await headingOf(page), 'Terms and Conditions');
    assert.deepEqual(await arbor.usersWith('mail', 'jan.peeters@example.be'), [], 'no account before the terms are accepted');
    t.diagnostic(`terms page: ${await harness.screenshot(page, 'social-terms')}`);
    await page.getByRole('checkbox', { name: 'I accept the terms and conditions' }).check();
    await pressAndLand(page, '/login/done', 'Accept');
    assert.match((await page.locator('main').textContent()) ?? '', /You are signed in as jan\.peeters@example\.be\./);
    const session = (await page.context().cookies(arbor.baseUrl)).find((cookie) => cookie.name === 'iPlanetDirectoryPro');
    assert.ok(session !== undefined && session.value !== '' && session.httpOnly, 'the session cookie is set, HttpOnly');
    assert.equal((await page.context().cookies(arbor.baseUrl)).some((cookie) => cookie.name === 'arbor-pages-return'), false, 'the way back is used up');
    const [jan, ...others] = await arbor.usersWith('mail', 'jan.peeters@example.be');
    assert.deepEqual(others, []);
    assert.deepEqual(jan?.attributes.aliasList, ['itsme-itsme-user-1']);

    const replay = await harness.newPage();
    assert.equal((await replay.goto(back.href))?.status(), 400, 'the provider’s answer opened in another browser');
    assert.match((await replay.locator('main').textContent()) ?? '', /This sign-in can no longer be resumed/);
    assert.equal(await sessionCookieOf(replay, arbor.baseUrl), undefined);
  });

  it('signs the same user straight in from the default Login page’s provider button the next time', async () => {
    const page = await harness.newPage();
    await page.goto(`${arbor.baseUrl}/login?realm=alpha&journey=Login`);
    assert.equal(await headingOf(page), 'Sign In');
    await throughProvider(page, () => page.getByRole('button', { name: 'itsme', exact: true }).click(), (url) => url.pathname === '/login/done');
    assert.match((await page.locator('main').textContent()) ?? '', /You are signed in as jan\.peeters@example\.be\./);
    assert.ok((await sessionCookieOf(page, arbor.baseUrl)) !== undefined);
    assert.equal((await arbor.usersWith('mail', 'jan.peeters@example.be')).length, 1, 'the same user, no duplicate');
  });

  it('signs a local user in with Next on the Login page that offers the provider', async () => {
    const page = await harness.newPage();
    await page.goto(`${arbor.baseUrl}/login?realm=alpha&journey=Login`);
    await fillSignIn(page, 'erin', 'Secret-Passw0rd');
    await pressAndLand(page, '/login/done');
    assert.match((await page.locator('main').textContent()) ?? '', /You are signed in as erin\./);
    assert.deepEqual(arbor.failures, []);
  });
});
