/**
 * The OAuth client form's settings beyond the basics, in Chromium against a real Arbor on
 * loopback: amadmin creates a `private_key_jwt` client whose keys are pasted as a JSON Web Key Set.
 * A scope the provider could never grant is marked by the page before anything is sent; a key set
 * holding a private key is refused by the server, whose reason is shown under the key set field;
 * with its public key only, the client is stored with its ID token algorithm, assertion algorithm
 * and default `max_age`, and its page shows them again. Screenshots:
 * `test-output/screenshots/admin-clients-settings-*.png`.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, adminClient } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';
import { ensureAdminAppBuilt } from './admin-app-build.ts';
import type { BrowserHarness } from './browser-harness.ts';
import { startBrowser } from './browser-harness.ts';
import { chromiumSkip } from './launch-chromium.ts';
import { recordPageProblems } from './page-problems.ts';

const CLIENTS = '/am/json/realms/root/realms/alpha/realm-config/agents/OAuth2Client';

describe('the admin app OAuth client settings in Chromium', { skip: chromiumSkip() }, () => {
  let server: TestServer;
  let harness: BrowserHarness;
  let page: Page;
  let problems: string[] = [];
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const privateJwk = privateKey.export({ format: 'jwk' });
  const { d: _d, ...publicJwk } = privateJwk;

  before(async () => {
    await ensureAdminAppBuilt();
    [harness, server] = await Promise.all([startBrowser('admin-clients-settings'), startTestServer()]);
    page = await harness.newPage();
    // The check before signing in (401) and the refused client (400) are failed loads the browser logs: expected.
    problems = recordPageProblems(page, /^40[01]$/);
  });
  after(async () => {
    await harness?.close();
    await server?.close();
  });

  it('opens the new client form', async () => {
    await page.goto(`${server.baseUrl}/admin#/alpha/clients/create`);
    await page.getByLabel('User Name', { exact: true }).fill('amadmin');
    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'New OAuth client', level: 1 }).waitFor();
  });

  it('marks a scope the provider could never grant before sending anything', async () => {
    await page.getByLabel('Client ID').fill('signer');
    await page.getByLabel('Client credentials').check();
    await page.getByRole('checkbox', { name: 'Authorization code' }).uncheck();
    await page.getByLabel('Scopes', { exact: true }).fill('openid read:orders read*all');
    await page.getByLabel('Token endpoint authentication').selectOption('private_key_jwt');
    await page.getByLabel('The client’s public keys').selectOption('jwks');
    await page.getByLabel('JSON Web Key Set').fill(JSON.stringify({ keys: [privateJwk] }));
    await page.getByLabel('Assertion signing algorithm').selectOption('ES256');
    await page.getByLabel('ID token signing algorithm').selectOption('PS256');
    await page.getByLabel('Ask users to sign in again after a while (default max_age)').check();
    await page.getByLabel('Default max_age (seconds)').fill('900');
    await page.getByRole('button', { name: 'Create client', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Some settings need attention' }).waitFor();
    await page.locator('#client-field-scopes-errors').filter({ hasText: '“read*all” is not a scope Arbor can grant' }).waitFor();
    assert.equal(await page.getByLabel('Scopes', { exact: true }).getAttribute('aria-invalid'), 'true');
    assert.equal((await (await adminClient(server))('GET', `${CLIENTS}/signer`)).status, 404, 'nothing sent');
  });

  it('shows the server’s refusal of a private key under the key set field', async () => {
    await page.getByLabel('Scopes', { exact: true }).fill('openid read:orders');
    await page.getByRole('button', { name: 'Create client', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'The server refused the client' }).waitFor();
    await page.locator('#client-field-jwkSet-errors').filter({ hasText: 'holds private key material ("d")' }).waitFor();
    assert.equal(await page.getByLabel('JSON Web Key Set').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByLabel('Scopes', { exact: true }).getAttribute('aria-invalid'), null);
    await harness.screenshot(page, 'refused');
    assert.equal((await (await adminClient(server))('GET', `${CLIENTS}/signer`)).status, 404, 'nothing stored');
  });

  it('stores the client with its public key, algorithms and max_age, and shows them again', async () => {
    await page.getByLabel('JSON Web Key Set').fill(JSON.stringify({ keys: [publicJwk] }));
    await page.getByRole('button', { name: 'Create client', exact: true }).click();
    await page.getByRole('heading', { name: 'signer', level: 1 }).waitFor();
    const stored = await (await adminClient(server))('GET', `${CLIENTS}/signer`);
    assert.equal(stored.status, 200);
    const value = (section: string, key: string): unknown => ((stored.json[section] as Record<string, { value: unknown }>)[key] ?? { value: undefined }).value;
    assert.equal(value('advancedOAuth2ClientConfig', 'tokenEndpointAuthMethod'), 'private_key_jwt');
    assert.equal(value('signEncOAuth2ClientConfig', 'publicKeyLocation'), 'jwks');
    assert.deepEqual(JSON.parse(String(value('signEncOAuth2ClientConfig', 'jwkSet'))), { keys: [publicJwk] });
    assert.equal(value('signEncOAuth2ClientConfig', 'tokenEndpointAuthSigningAlgorithm'), 'ES256');
    assert.equal(value('signEncOAuth2ClientConfig', 'idTokenSignedResponseAlg'), 'PS256');
    assert.deepEqual([value('coreOpenIDClientConfig', 'defaultMaxAgeEnabled'), value('coreOpenIDClientConfig', 'defaultMaxAge')], [true, 900]);
    assert.deepEqual(value('coreOAuth2ClientConfig', 'scopes'), ['openid', 'read:orders']);
    await page.reload();
    await page.getByRole('heading', { name: 'signer', level: 1 }).waitFor();
    assert.equal(await page.getByLabel('ID token signing algorithm').inputValue(), 'PS256');
    assert.equal(await page.getByLabel('Assertion signing algorithm').inputValue(), 'ES256');
    assert.equal(await page.getByLabel('Default max_age (seconds)').inputValue(), '900');
    assert.deepEqual(JSON.parse(await page.getByLabel('JSON Web Key Set').inputValue()), { keys: [publicJwk] });
    await harness.screenshot(page, 'stored');
  });

  it('breaks no rule of the page policy and throws nothing', () => {
    assert.deepEqual(problems, []);
  });
});
