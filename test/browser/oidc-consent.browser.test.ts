/**
 * The OpenID provider's consent page in Chromium against a real Arbor: an application without
 * implied consent sends the browser to authorize; the person signs in on Arbor's login page, is
 * asked on the consent page (the application's name and the scopes described), and "Allow" takes
 * the browser back to the application with a code (the page policy lets that redirect through).
 * axe-core finds no serious or critical violation; screenshots in light and dark, desktop and
 * mobile, English and French go to `test-output/screenshots/` for a person to look at.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type ConsentTestServer, PASSWORD, startConsentTestServer } from '../../src/oidc/consent-test-server.ts';
import type { BrowserHarness, ProfileOptions } from './browser-harness.ts';
import { axeViolations, startBrowser } from './browser-harness.ts';
import { chromiumSkip } from './launch-chromium.ts';

const REDIRECT = 'https://photos.example/callback';

describe('the consent page in Chromium', { skip: chromiumSkip() }, () => {
  let server: ConsentTestServer;
  let harness: BrowserHarness;
  let users = 0;

  before(async () => {
    [harness, server] = await Promise.all([startBrowser('oidc-consent'), startConsentTestServer()]);
    await server.putClient(
      'photos',
      { userpassword: 'Photos-S3cret-Value', clientName: ['Photo Album'], redirectionUris: [REDIRECT], scopes: ['openid', 'profile', 'email', 'phone', 'offline_access'] },
      { grantTypes: ['authorization_code', 'refresh_token'], tokenEndpointAuthMethod: 'client_secret_post', isConsentImplied: false },
    );
  });
  after(async () => {
    await harness?.close();
    await server?.close();
  });

  /** A new user signs in through the authorization in a new profile; resolves on the consent page. */
  async function consentPage(options: ProfileOptions = {}): Promise<Page> {
    users += 1;
    const userName = `ines${users}`;
    await server.createUser(userName);
    const page = await harness.newPage(options);
    // The application is not on the network: its callback is answered here.
    await page.route(`${REDIRECT}**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Photo Album</title><p>Signed in</p>' }));
    const query = new URLSearchParams({ client_id: 'photos', redirect_uri: REDIRECT, response_type: 'code', scope: 'openid profile email offline_access', prompt: 'consent', state: 'state-1' });
    await page.goto(`${server.issuer}/authorize?${query.toString()}`);
    assert.equal(new URL(page.url()).pathname, '/login', 'the sign-in runs on Arbor’s login page');
    await page.getByLabel(options.locale?.startsWith('fr') === true ? 'Nom d’utilisateur' : 'User Name', { exact: true }).fill(userName);
    await page.getByLabel(options.locale?.startsWith('fr') === true ? 'Mot de passe' : 'Password', { exact: true }).fill(PASSWORD);
    await page.locator('form button[type=submit]').first().click();
    await page.waitForURL(/\/interaction\//);
    return page;
  }

  it('asks, in the person’s look and language, and Allow goes back to the application with a code', async () => {
    const page = await consentPage();
    await page.getByRole('heading', { name: 'Photo Album wants to access your account' }).waitFor();
    for (const text of ['Know who you are (your account identifier)', 'See your name and username', 'See your email address', 'Keep access to these details when you are not using it']) {
      assert.equal(await page.getByText(text, { exact: true }).count(), 1, text);
    }
    const violations = await axeViolations(page);
    assert.deepEqual(violations.blocking, [], violations.all.join('\n'));
    await harness.screenshot(page, 'light-desktop');
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(`${REDIRECT}**`);
    const back = new URL(page.url());
    assert.ok(back.searchParams.get('code'), back.href);
    assert.equal(back.searchParams.get('state'), 'state-1');
  });

  it('looks right in dark on a phone and in French, and Deny tells the application', async () => {
    const dark = await consentPage({ colorScheme: 'dark', width: 'mobile' });
    await dark.getByRole('button', { name: 'Deny' }).waitFor();
    const violations = await axeViolations(dark);
    assert.deepEqual(violations.blocking, [], violations.all.join('\n'));
    await harness.screenshot(dark, 'dark-mobile');

    const french = await consentPage({ locale: 'fr-FR' });
    await french.getByRole('heading', { name: 'Photo Album demande l’accès à votre compte' }).waitFor();
    await harness.screenshot(french, 'french');
    await french.getByRole('button', { name: 'Refuser' }).click();
    await french.waitForURL(`${REDIRECT}**`);
    assert.equal(new URL(french.url()).searchParams.get('error'), 'access_denied');
  });
});
