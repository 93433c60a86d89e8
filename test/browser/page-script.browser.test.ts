/**
 * The pages' progressive enhancement in Chromium: the show/hide password button, a new password's
 * rules ticked while the person types, and a journey whose stage asks for the password twice
 * (`confirmPassword`, the ForgeRock UI hint) with its own button text. With JavaScript a mismatch
 * is stopped in the browser; without it the server shows the step again with the entered values
 * and says the passwords differ. The script changes nothing essential: without JavaScript the
 * show button stays hidden and the rules read as a list.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildJourney, importJourneyJson } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';
import type { BrowserHarness } from './browser-harness.ts';
import { startBrowser } from './browser-harness.ts';
import { chromiumSkip } from './launch-chromium.ts';
import { headingOf, pressAndPost } from './page-forms.ts';

const REGISTRATION = '/login?realm=alpha&journey=Registration';
const CONFIRMED = '/login?realm=alpha&journey=ConfirmedPassword';
const STAGE = JSON.stringify({ ValidatedCreatePasswordCallback: [{ confirmPassword: true, policyDisplayCheckmark: true }], submitButtonText: 'Save password' });

describe('the pages’ script in Chromium', { skip: chromiumSkip() }, () => {
  let server: TestServer;
  let harness: BrowserHarness;

  before(async () => {
    harness = await startBrowser('script');
    server = await startTestServer();
    const journey = buildJourney('ConfirmedPassword', 'managed/alpha_user', [
      {
        type: 'PageNode',
        config: { pageHeader: { en: 'Choose a password' }, pageDescription: {}, stage: STAGE },
        children: [{ type: 'ValidatedPasswordNode', config: { passwordAttribute: 'password', validateInput: true } }],
        connections: { outcome: 'MessageNode' },
      },
      { type: 'MessageNode', config: { message: { en: 'Both passwords match.' }, messageYes: { en: 'Good' }, messageNo: { en: 'Back' } }, connections: { true: 'failure', false: 'failure' } },
    ]);
    const imported = await importJourneyJson(server, journey, 'alpha');
    assert.equal(imported.code, 0, imported.out + imported.err);
  });
  after(async () => {
    await harness?.close();
    await server?.close();
  });

  it('shows and hides the password with its button, and ticks the rules as the person types', async (t) => {
    const page = await harness.newPage();
    await page.goto(`${server.baseUrl}${REGISTRATION}`);
    const password = page.getByLabel('Password', { exact: true });
    const show = page.getByRole('button', { name: 'Show password' });
    await show.click();
    assert.equal(await password.getAttribute('type'), 'text');
    const hide = page.getByRole('button', { name: 'Hide password' });
    assert.equal(await hide.getAttribute('aria-pressed'), 'true');
    await hide.click();
    assert.equal(await password.getAttribute('type'), 'password');

    const rules = page.locator('#IDToken7-rules li');
    assert.ok((await rules.count()) >= 3, 'the default password rules are listed');
    await password.fill('abc');
    assert.equal(await page.locator('#IDToken7-rules li[data-check="min:8"]').getAttribute('data-state'), 'unmet');
    assert.match((await page.locator('#IDToken7-rules li[data-check="min:8"]').textContent()) ?? '', /\(not met\)/);
    await password.fill('Abcdefg1');
    const states = await rules.evaluateAll((items) => items.map((item) => item.getAttribute('data-state')));
    assert.deepEqual(new Set(states), new Set(['met']));
    t.diagnostic(`rules ticked: ${await harness.screenshot(page, 'registration-rules-met')}`);
  });

  it('keeps the show button hidden and the rules as a plain list without JavaScript', async () => {
    const page = await harness.newPage({ javaScript: false });
    await page.goto(`${server.baseUrl}${REGISTRATION}`);
    assert.equal(await page.getByRole('button', { name: 'Show password' }).count(), 0);
    assert.match((await page.locator('#IDToken7-rules').textContent()) ?? '', /Use at least 8 characters\./);
  });

  it('asks for the password twice when the stage says so, and the browser stops a mismatch', async () => {
    const page = await harness.newPage();
    await page.goto(`${server.baseUrl}${CONFIRMED}`);
    assert.equal(await headingOf(page), 'Choose a password');
    await page.getByLabel('Password', { exact: true }).fill('Matching-Passw0rd');
    await page.getByLabel('Confirm password', { exact: true }).fill('Different-Passw0rd');
    await page.getByRole('button', { name: 'Save password' }).click();
    const message = await page.getByLabel('Confirm password', { exact: true }).evaluate((input: HTMLInputElement) => input.validationMessage);
    assert.equal(message, 'The passwords do not match.');
    assert.equal(await headingOf(page), 'Choose a password', 'the form was not sent');
    await page.getByLabel('Confirm password', { exact: true }).fill('Matching-Passw0rd');
    assert.equal((await pressAndPost(page, 'Save password')).status(), 200);
    assert.match((await page.locator('main').textContent()) ?? '', /Both passwords match\./);
  });

  it('without JavaScript the server shows the step again when the passwords differ, and goes on when they match', async () => {
    const page = await harness.newPage({ javaScript: false });
    await page.goto(`${server.baseUrl}${CONFIRMED}`);
    await page.getByLabel('Password', { exact: true }).fill('Matching-Passw0rd');
    await page.getByLabel('Confirm password', { exact: true }).fill('Different-Passw0rd');
    assert.equal((await pressAndPost(page, 'Save password')).status(), 200);
    assert.equal(await headingOf(page), 'Choose a password');
    assert.equal(await page.getByRole('alert').first().textContent(), 'The passwords do not match.');
    await page.getByLabel('Password', { exact: true }).fill('Matching-Passw0rd');
    await page.getByLabel('Confirm password', { exact: true }).fill('Matching-Passw0rd');
    assert.equal((await pressAndPost(page, 'Save password')).status(), 200);
    assert.match((await page.locator('main').textContent()) ?? '', /Both passwords match\./);
  });
});
