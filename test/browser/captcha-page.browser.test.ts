/**
 * The CAPTCHA step of a journey page in Chromium, against a real Arbor on loopback and a
 * verification endpoint on loopback (the node's `captchaUri`). The provider's script is never
 * fetched: Playwright answers `https://www.google.com/recaptcha/api.js` with a stand-in widget (a
 * button that hands the page's `data-callback` a token) and refuses every other request to the
 * provider. The page loads the script under its policy, keeps Next disabled until the widget gives
 * a token (the node's `disableSubmission`; disabled again when the token expires), the token fills
 * the hidden answer, and the server verifies it with the node's sealed key: a token the endpoint
 * accepts leads on to the sign-in page and a session, one it rejects to the failure page. Without
 * JavaScript Next stays enabled, and a page sent without solving the CAPTCHA asks again.
 * Screenshots: `test-output/screenshots/captcha-page-*.png`.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { addUser, buildJourney, importJourneyJson } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';
import type { BrowserHarness } from './browser-harness.ts';
import { startBrowser } from './browser-harness.ts';
import { chromiumSkip } from './launch-chromium.ts';
import { fillSignIn, headingOf, pressAndLand, pressAndPost } from './page-forms.ts';
import { recordPageProblems } from './page-problems.ts';

const SECRET = 'page-verify-secret-5120';
const GOOD = 'widget-token-accepted';
const BAD = 'widget-token-rejected';
const SCRIPT = 'https://www.google.com/recaptcha/api.js';

/** The stand-in for the provider's script: each widget element gets a button handing its callback the token the test set. */
const WIDGET = `(() => {
  const render = () => {
    for (const box of document.querySelectorAll('.g-recaptcha')) {
      if (box.dataset.rendered === 'true') continue;
      box.dataset.rendered = 'true';
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = "I'm not a robot";
      button.addEventListener('click', () => {
        window[box.dataset.callback](window.stubCaptchaToken);
        button.textContent = 'Verified';
      });
      box.append(button);
    }
  };
  window.grecaptcha = { ready: (done) => done(), render };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', render);
  else render();
})();`;

describe('the CAPTCHA step of a journey page in Chromium', { skip: chromiumSkip() }, () => {
  let server: TestServer;
  let harness: BrowserHarness;
  let endpoint: Server;
  const verified: Record<string, string>[] = [];
  const providerRequests: string[] = [];
  let problems: string[] = [];

  before(async () => {
    endpoint = createServer((request: IncomingMessage, response: ServerResponse) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        const form = Object.fromEntries(new URLSearchParams(body));
        verified.push(form);
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ success: form.secret === SECRET && form.response === GOOD }));
      });
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    const captchaUri = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/siteverify`;
    [harness, server] = await Promise.all([startBrowser('captcha-page'), startTestServer()]);
    await addUser(server, 'alpha', 'carla', 'Secret-Passw0rd', {}, { termsAccepted: true });
    const journey = buildJourney('HumanLogin', 'managed/alpha_user', [
      {
        key: 'captcha',
        type: 'CaptchaNode',
        config: { siteKey: 'page-site-key', secretKey: SECRET, captchaUri, apiUri: SCRIPT, divClass: 'g-recaptcha', reCaptchaV3: false, scoreThreshold: '0.0', disableSubmission: true },
        connections: { true: 'page', false: 'failure' },
      },
      {
        key: 'page',
        type: 'PageNode',
        config: { pageHeader: { en: 'Sign In' }, pageDescription: {}, stage: '' },
        children: [{ key: 'name', type: 'UsernameCollectorNode' }, { key: 'password', type: 'PasswordCollectorNode' }],
        connections: { outcome: 'check' },
      },
      { key: 'check', type: 'DataStoreDecisionNode', connections: { true: 'success', false: 'failure' } },
    ]);
    const imported = await importJourneyJson(server, journey, 'alpha');
    assert.equal(imported.code, 0, imported.err);
  });
  after(async () => {
    await harness?.close();
    await server?.close();
    endpoint?.closeAllConnections();
    await new Promise<void>((resolve) => (endpoint === undefined ? resolve() : endpoint.close(() => resolve())));
  });

  /** A fresh page on the journey's CAPTCHA step, the provider's script stood in for, with the token its widget will give. */
  async function captchaPage(token: string): Promise<Page> {
    const page = await harness.newPage();
    problems = recordPageProblems(page, /^401$/);
    await page.route(/^https:\/\/([a-z]+\.)?(google|gstatic|recaptcha)\.[a-z]+\//, (route) => {
      providerRequests.push(route.request().url());
      return route.request().url() === SCRIPT ? route.fulfill({ status: 200, contentType: 'text/javascript', body: WIDGET }) : route.abort('blockedbyclient');
    });
    await page.addInitScript((value) => Object.assign(window, { stubCaptchaToken: value }), token);
    await page.goto(`${server.baseUrl}/login?realm=alpha&journey=HumanLogin`);
    await page.getByRole('group', { name: 'Security check' }).waitFor();
    await page.getByRole('button', { name: "I'm not a robot" }).waitFor();
    return page;
  }

  it('keeps Next disabled until the widget gives a token, and again once the token expires', async () => {
    verified.length = 0;
    providerRequests.length = 0;
    const page = await captchaPage(GOOD);
    const next = page.getByRole('button', { name: 'Next', exact: true });
    assert.equal(await next.isDisabled(), true, 'disabled before the CAPTCHA is solved');
    await harness.screenshot(page, 'step');
    await page.getByRole('button', { name: "I'm not a robot" }).click();
    await page.getByRole('button', { name: 'Verified' }).waitFor();
    assert.equal(await next.isEnabled(), true, 'enabled once the widget gave its token');
    await page.evaluate(() => (window as unknown as { arborCaptchaExpired: () => void }).arborCaptchaExpired());
    assert.equal(await next.isDisabled(), true, 'disabled again when the token expires');
    assert.equal(await page.locator('[data-captcha-for] input[type=hidden]').inputValue(), '', 'the expired token is dropped');
    assert.deepEqual(verified, [], 'nothing sent');
    assert.deepEqual(problems, []);
    assert.deepEqual([...new Set(providerRequests)], [SCRIPT], 'only the script, stood in for');
  });

  it('without JavaScript, Next stays enabled and a page sent without solving the CAPTCHA asks again', async () => {
    verified.length = 0;
    const page = await harness.newPage({ javaScript: false });
    await page.route(/^https:\/\/([a-z]+\.)?(google|gstatic|recaptcha)\.[a-z]+\//, (route) => {
      providerRequests.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    await page.goto(`${server.baseUrl}/login?realm=alpha&journey=HumanLogin`);
    await page.getByRole('group', { name: 'Security check' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Next', exact: true }).isEnabled(), true);
    await pressAndPost(page);
    await page.getByRole('group', { name: 'Security check' }).waitFor();
    assert.deepEqual(verified, [], 'nothing to verify');
  });

  it('leads on to the sign-in page with a token the endpoint accepts, then signs in', async () => {
    verified.length = 0;
    const page = await captchaPage(GOOD);
    await page.getByRole('button', { name: "I'm not a robot" }).click();
    await page.getByRole('button', { name: 'Verified' }).waitFor();
    await pressAndPost(page);
    assert.equal(await headingOf(page), 'Sign In');
    assert.deepEqual(verified, [{ secret: SECRET, response: GOOD, remoteip: '127.0.0.1' }]);
    await fillSignIn(page, 'carla', 'Secret-Passw0rd');
    await pressAndLand(page, '/login/done');
    assert.match((await page.locator('main').textContent()) ?? '', /You are signed in as carla\./);
    assert.deepEqual(problems, []);
  });

  it('shows the failure page for a token the endpoint rejects', async () => {
    verified.length = 0;
    const page = await captchaPage(BAD);
    await page.getByRole('button', { name: "I'm not a robot" }).click();
    const response = await pressAndPost(page);
    assert.equal(response.status(), 401);
    assert.equal(await headingOf(page), 'Sign-in failed');
    await harness.screenshot(page, 'rejected');
    assert.deepEqual(verified, [{ secret: SECRET, response: BAD, remoteip: '127.0.0.1' }]);
    assert.deepEqual(problems, []);
  });
});
