/**
 * The admin app's Social providers section in Chromium against a real Arbor on loopback, with an
 * OpenID provider (oidc-provider, the itsme simulator set to a plain client-secret profile) on
 * another loopback port: amadmin opens alpha's providers, looks at the preset chooser and the
 * itsme® preset's key panel (the `arbor keys generate` command in root, which has no keys; the
 * key set URL, copied and downloadable, in alpha, which has), then adds a generic OpenID Connect provider
 * by typing its well-known URL and pressing "Fill from well-known URL" (a wrong URL first: its
 * 502 is shown), enters the client id and secret and saves. The AM REST answers the provider with
 * the discovered endpoints, and a person signs up through it on alpha's SocialLogin page. Deleting
 * it from the list removes it. Screenshots: `test-output/screenshots/admin-social-*.png`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type ItsmeSimulator, startItsmeSimulator } from '../../src/social/testing/itsme-simulator.ts';
import { ADMIN, generateItsmeKeys, SERVICE, type SocialArbor, startSocialArbor } from '../e2e/social-harness.ts';
import { ADMIN_PASSWORD } from '../helpers/self-service.ts';
import { ensureAdminAppBuilt } from './admin-app-build.ts';
import type { BrowserHarness } from './browser-harness.ts';
import { startBrowser } from './browser-harness.ts';
import { chromiumSkip } from './launch-chromium.ts';
import { headingOf, pressAndLand } from './page-forms.ts';
import { recordPageProblems } from './page-problems.ts';

describe('the admin app social providers in Chromium', { skip: chromiumSkip() }, () => {
  let arbor: SocialArbor;
  let simulator: ItsmeSimulator;
  let harness: BrowserHarness;
  let page: Page;
  let problems: string[] = [];

  before(async () => {
    await ensureAdminAppBuilt();
    [harness, arbor] = await Promise.all([startBrowser('admin-social'), startSocialArbor()]);
    await generateItsmeKeys(arbor);
    simulator = await startItsmeSimulator({ redirectUri: `${arbor.baseUrl}/login?realm=alpha`, clientJwks: { keys: [] }, clientAuth: 'client_secret_post', clientSecret: 'acme-Secret-42', clientId: 'acme-client', encryptIdTokens: false, userinfo: 'json' });
    page = await harness.newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: arbor.baseUrl });
    // The check before signing in (401) and the wrong well-known URL (502) are logged by the browser as failed loads: expected.
    problems = recordPageProblems(page, /^(401|502)$/);
  });
  after(async () => {
    await harness?.close();
    await simulator?.close();
    await arbor?.close();
  });

  it("signs amadmin in and opens alpha's social providers from the navigation", async (t) => {
    await page.goto(`${arbor.baseUrl}/admin#/alpha/journeys`);
    await page.getByLabel('User Name', { exact: true }).fill('amadmin');
    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Journeys', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Social providers' }).click();
    await page.getByRole('heading', { name: 'Social providers', level: 1 }).waitFor();
    assert.equal(new URL(page.url()).hash, '#/alpha/social');
    await page.getByText('This realm has no social identity provider yet.').waitFor();
    await page.getByRole('button', { name: 'Add provider' }).click();
    await page.getByRole('heading', { name: 'Add a social provider', level: 1 }).waitFor();
    const presets = await page.getByRole('list', { name: 'Presets' }).getByRole('button').allTextContents();
    assert.equal(presets.length, 9);
    for (const label of ['Google', 'Apple', 'Microsoft', 'Facebook', 'GitHub', 'LinkedIn', 'itsme®', 'OpenID Connect', 'OAuth 2.0']) assert.ok(presets.some((text) => text.startsWith(label)), label);
    t.diagnostic(await harness.screenshot(page, 'presets'));
  });

  it('shows the itsme® preset’s key panel: the command in a realm without keys, the URL to copy and download in one with them', async (t) => {
    // root has no relying-party keys; alpha's were generated before (the server keeps a realm's key list a while, so a realm is not switched under the test).
    await page.getByRole('button', { name: /^itsme®/ }).click();
    await page.getByRole('heading', { name: 'New itsme® provider', level: 1 }).waitFor();
    await page.goto(`${arbor.baseUrl}/admin#/root/social/new/itsme`);
    await page.getByText('This realm has no relying-party keys for itsme yet').waitFor();
    assert.match((await page.locator('.social-keys pre').textContent()) ?? '', /keys generate --realm root --itsme/);
    assert.equal(await page.getByLabel('Client authentication method').inputValue(), 'ENCRYPTED_PRIVATE_KEY_JWT', 'the preset is filled in');
    assert.equal(await page.getByLabel('User info format').inputValue(), 'SIGNED_THEN_ENCRYPTED_JWT');
    assert.match((await page.locator('#social-clientAuthenticationMethod-help').textContent()) ?? '', /token endpoint/, 'each option says what it does');
    t.diagnostic(await harness.screenshot(page, 'itsme-no-keys'));

    const jwksUrl = `${arbor.baseUrl}/am/oauth2/realms/root/realms/alpha/connect/rp/jwk_uri`;
    await page.goto(`${arbor.baseUrl}/admin#/alpha/social/new/itsme`);
    await page.getByText(/The realm publishes 1 signing and 1 encryption key\./).waitFor();
    assert.equal(await page.getByLabel('Relying-party JWKS URL').inputValue(), jwksUrl);
    await page.getByRole('button', { name: 'Copy URL' }).click();
    await page.getByRole('status').filter({ hasText: 'Copied the key set URL.' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), jwksUrl);
    const download = page.getByRole('link', { name: 'Download public keys' });
    assert.equal(await download.getAttribute('href'), jwksUrl);
    assert.equal(await download.getAttribute('download'), 'alpha-rp-jwks.json');
    const keys = (await (await fetch(jwksUrl)).json()) as { keys: { use: string; d?: string }[] };
    assert.deepEqual(keys.keys.map((key) => key.use).sort(), ['enc', 'sig']);
    assert.equal(keys.keys.some((key) => key.d !== undefined), false, 'public keys only');
    t.diagnostic(await harness.screenshot(page, 'itsme-keys'));
  });

  it('adds a generic OpenID Connect provider from its well-known URL, with the client id and secret', async (t) => {
    await page.getByRole('button', { name: 'Back to the list' }).click();
    await page.getByRole('button', { name: 'Add provider' }).click();
    await page.getByRole('button', { name: /^OpenID Connect/ }).click();
    await page.getByRole('heading', { name: 'New OpenID Connect provider', level: 1 }).waitFor();
    const wellKnown = page.getByLabel('Well-known endpoint');
    await wellKnown.fill(`${simulator.issuer}/nowhere/.well-known/openid-configuration`);
    await page.getByRole('button', { name: 'Fill from well-known URL' }).click();
    await page.getByRole('alert').filter({ hasText: 'HTTP 404' }).waitFor();

    await wellKnown.fill(simulator.discoveryUrl);
    await page.getByRole('button', { name: 'Fill from well-known URL' }).click();
    await page.getByRole('status').filter({ hasText: 'Filled the issuer' }).waitFor();
    assert.equal(await page.getByLabel('Issuer', { exact: true }).inputValue(), simulator.issuer);
    assert.equal(await page.getByLabel('Authorization endpoint').inputValue(), simulator.authorizationEndpoint);
    assert.equal(await page.getByLabel('Token endpoint').inputValue(), simulator.tokenEndpoint);
    assert.equal(await page.getByLabel('User info endpoint').inputValue(), simulator.userinfoEndpoint);
    assert.equal(await page.getByLabel('JWKS URI').inputValue(), simulator.jwksUri);
    assert.equal(await page.getByLabel('Client authentication method').inputValue(), 'CLIENT_SECRET_POST');

    await page.getByLabel('Name', { exact: true }).fill('acme');
    await page.getByLabel('Client ID').fill(simulator.clientId);
    await page.getByLabel('Client secret').fill('acme-Secret-42');
    await page.getByLabel('Scopes').fill(`openid profile email service:${simulator.serviceCode}`);
    await page.getByLabel('Button label').fill('Acme ID');
    assert.equal(await page.getByLabel('Redirect URI').inputValue(), `${arbor.baseUrl}/login?realm=alpha`);
    t.diagnostic(await harness.screenshot(page, 'filled-form'));

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved acme.' }).waitFor();
    assert.equal(new URL(page.url()).hash, '#/alpha/social/oidcConfig/acme');
    assert.equal(await page.getByLabel('Issuer', { exact: true }).inputValue(), simulator.issuer, 'the stored provider, read back');

    const stored = await fetch(`${arbor.baseUrl}${SERVICE}/oidcConfig/acme`, { headers: ADMIN });
    assert.equal(stored.status, 200);
    const provider = (await stored.json()) as Record<string, unknown>;
    assert.equal(provider.wellKnownEndpoint, simulator.discoveryUrl);
    assert.equal(provider.issuer, simulator.issuer);
    assert.equal(provider.authorizationEndpoint, simulator.authorizationEndpoint);
    assert.equal(provider.tokenEndpoint, simulator.tokenEndpoint);
    assert.equal(provider.jwksUriEndpoint, simulator.jwksUri);
    assert.equal(provider.clientId, simulator.clientId);
    assert.equal('clientSecret' in provider, false);

    await page.getByRole('button', { name: 'Back to the list' }).click();
    await page.getByRole('button', { name: 'acme', exact: true }).waitFor();
    assert.deepEqual(await page.locator('tbody tr td:nth-child(2)').allTextContents(), ['OpenID Connect']);
    assert.deepEqual(await page.locator('tbody tr td:nth-child(3)').allTextContents(), ['Enabled']);
    t.diagnostic(await harness.screenshot(page, 'list'));
  });

  it('signs a person up through the saved provider on alpha’s SocialLogin page', async () => {
    const person = await harness.newPage();
    await person.goto(`${arbor.baseUrl}/login?realm=alpha&journey=SocialLogin`);
    await Promise.all([person.waitForURL((url) => url.origin === arbor.baseUrl && url.searchParams.has('code'), { timeout: 15_000 }), person.getByRole('button', { name: 'Acme ID', exact: true }).click()]);
    await person.waitForLoadState();
    assert.equal(await headingOf(person), 'Terms and Conditions');
    await person.getByRole('checkbox', { name: 'I accept the terms and conditions' }).check();
    await pressAndLand(person, '/login/done', 'Accept');
    assert.match((await person.locator('main').textContent()) ?? '', /You are signed in as jan\.peeters@example\.be\./);
    const [jan] = await arbor.usersWith('mail', 'jan.peeters@example.be');
    assert.deepEqual(jan?.attributes.aliasList, ['acme-itsme-user-1']);
    assert.deepEqual(arbor.failures, []);
  });

  it('deletes the provider from the list after a confirmation', async () => {
    await page.getByRole('button', { name: 'Delete acme' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByRole('status').filter({ hasText: 'Deleted acme.' }).waitFor();
    await page.getByText('This realm has no social identity provider yet.').waitFor();
    assert.equal((await fetch(`${arbor.baseUrl}${SERVICE}/oidcConfig/acme`, { headers: ADMIN })).status, 404);
  });

  it('broke no rule of the page’s policy and threw nothing', () => {
    assert.deepEqual(problems, []);
  });
});
