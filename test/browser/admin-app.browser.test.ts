/**
 * The admin app (`/admin`) in a real browser against a real Arbor on loopback, as an administrator
 * uses it: signs in as amadmin through the root realm's Login journey, switches to alpha, searches
 * the journeys, opens `Login` and sees its nodes drawn, each with its outcomes' handles and an
 * arrow leaving from each, opens a node's config in the
 * side panel, follows "Try it" to the journey's sign-in page, and signs out. A wrong password is
 * refused with a message; a root user who is not an administrator is signed out and told why. The
 * page breaks no rule of its policy and throws nothing. The app is built once here (Vite, under a
 * second) so the test never runs an older build; screenshots (desktop) go to
 * `test-output/screenshots/admin-app-*.png`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { addUser } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';
import type { BrowserHarness } from './browser-harness.ts';
import { ensureAdminAppBuilt } from './admin-app-build.ts';
import { startBrowser } from './browser-harness.ts';
import { chromiumSkip } from './launch-chromium.ts';
import { recordPageProblems } from './page-problems.ts';
import { linksDrawn } from './flow-link.ts';

describe('the admin app in Chromium', { skip: chromiumSkip() }, () => {
  let server: TestServer;
  let harness: BrowserHarness;
  let page: Page;
  let problems: string[] = [];

  before(async () => {
    await ensureAdminAppBuilt();
    [harness, server] = await Promise.all([startBrowser('admin-app'), startTestServer({ ownPublicUrl: true })]);
    await addUser(server, 'root', 'rowan', 'Rowan-Passw0rd1');
    page = await harness.newPage();
    // Refused calls (a wrong password's 401, a non-administrator's 403) are logged as failed loads: expected.
    problems = recordPageProblems(page, /^40[13]$/);
  });
  after(async () => {
    await harness?.close();
    await server?.close();
  });

  async function signIn(password: string, username = 'amadmin'): Promise<void> {
    await page.getByLabel('User Name', { exact: true }).fill(username);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  it('refuses a wrong password with a message and asks again', async () => {
    await page.goto(`${server.baseUrl}/admin`);
    await signIn('not-the-password');
    await page.getByRole('alert').filter({ hasText: 'The user name or password is wrong.' }).waitFor();
    assert.equal(await page.getByLabel('Password', { exact: true }).inputValue(), '');
    await harness.screenshot(page, 'sign-in-refused');
  });

  it('signs out a root user who is not an administrator, saying so', async () => {
    await signIn('Rowan-Passw0rd1', 'rowan');
    await page.getByRole('alert').filter({ hasText: 'This account is not an administrator of Arbor; it was signed out.' }).waitFor();
    await page.getByLabel('User Name', { exact: true }).waitFor();
    assert.equal(await page.getByRole('navigation', { name: 'Sections' }).count(), 0, 'no admin view is shown');
  });

  it('signs amadmin in through the root Login journey and lists root journeys', async () => {
    await signIn('Admin-Passw0rd!');
    await page.getByRole('heading', { name: 'Journeys', level: 1 }).waitFor();
    assert.equal(await page.getByLabel('Realm').inputValue(), 'root');
    await page.getByRole('button', { name: 'Login', exact: true }).waitFor();
  });

  it('switches to alpha and finds a journey by searching', async () => {
    await page.getByLabel('Realm').selectOption('alpha');
    await page.waitForURL((url) => url.hash === '#/alpha/journeys');
    await page.getByRole('button', { name: 'Registration', exact: true }).waitFor();
    const all = await page.locator('tbody tr').count();
    assert.ok(all >= 6, `alpha has its default journeys (${all} shown)`);
    await harness.screenshot(page, 'journeys-alpha');
    await page.getByLabel('Search journeys').fill('login');
    await page.waitForFunction((before) => document.querySelectorAll('tbody tr').length < before, all);
    const names = await page.locator('tbody tr td:first-child').allTextContents();
    assert.ok(names.includes('Login'), `Login is found (${names.join(', ')})`);
    assert.ok(!names.includes('Registration'), `Registration is not (${names.join(', ')})`);
    assert.equal(await page.getByRole('link', { name: 'Try Login' }).getAttribute('href'), '/login?realm=alpha&journey=Login');
  });

  it("draws alpha's Login: its nodes, start, success and failure, each outcome's arrow from its own handle", async () => {
    await page.getByRole('button', { name: 'Login', exact: true }).click();
    await page.getByRole('heading', { name: 'Login', level: 1 }).waitFor();
    await page.locator('.react-flow__node').first().waitFor();
    const boxes = await page.locator('.react-flow__node').evaluateAll((nodes) =>
      nodes.map((node) => ({
        name: `${node.querySelector('strong')?.textContent ?? ''}${node.querySelector('.box-label > span')?.textContent ?? ''}`,
        outcomes: [...node.querySelectorAll('ul.outcomes li')].map((line) => line.textContent ?? ''),
        handles: [...node.querySelectorAll('ul.outcomes .react-flow__handle')].map((handle) => handle.getAttribute('data-handleid') ?? ''),
      })),
    );
    const names = boxes.map((box) => box.name);
    for (const expected of ['Start', 'Page NodePageNode', 'Data Store DecisionDataStoreDecisionNode', 'Terms and Conditions DecisionTermsAndConditionsDecisionNode', 'Inner Tree EvaluatorInnerTreeEvaluatorNode', 'Success', 'Failure']) {
      assert.ok(names.includes(expected), `${expected} is drawn (${names.join(' | ')})`);
    }
    assert.equal(boxes.length, 15, 'its twelve nodes and the three static boxes');
    const outcomesOf = (name: string) => boxes.find((box) => box.name === name);
    assert.deepEqual(outcomesOf('Page NodePageNode')?.outcomes, ['socialAuthentication', 'localAuthentication'], 'the first page lists its outcomes, in order');
    assert.deepEqual(outcomesOf('Data Store DecisionDataStoreDecisionNode')?.outcomes, ['true', 'false']);
    assert.deepEqual(outcomesOf('Patch ObjectPatchObjectNode')?.handles, ['PATCHED', 'FAILURE'], 'one handle per outcome, named by it');
    assert.deepEqual(outcomesOf('Create ObjectCreateObjectNode')?.handles, ['CREATED', 'FAILURE']);
    assert.deepEqual(outcomesOf('Success')?.outcomes, []);
    // Each arrow starts at its outcome's handle, so a node's outcomes leave it from distinct points.
    await linksDrawn(page, 21);
    const arrows = await page.locator('.react-flow__edge').evaluateAll((edges) =>
      edges.map((edge) => {
        const path = edge.querySelector<SVGPathElement>('path.react-flow__edge-path');
        const matrix = path?.getScreenCTM();
        const start = path === null || path === undefined || matrix === null || matrix === undefined ? undefined : new DOMPoint(path.getPointAtLength(0).x, path.getPointAtLength(0).y).matrixTransform(matrix);
        return { name: edge.getAttribute('aria-label') ?? '', id: edge.getAttribute('data-id') ?? '', x: start?.x ?? Number.NaN, y: start?.y ?? Number.NaN };
      }),
    );
    const handleCentres = await page.locator('.react-flow__handle.source').evaluateAll((handles) =>
      handles.map((handle) => {
        const box = handle.getBoundingClientRect();
        return { id: `${handle.getAttribute('data-nodeid')}:${handle.getAttribute('data-handleid')}`, x: box.x + box.width / 2, y: box.y + box.height / 2 };
      }),
    );
    assert.equal(arrows.length, 21, 'the entry and the twenty outcomes of its nodes');
    for (const arrow of arrows.filter((candidate) => !candidate.id.startsWith('startNode'))) {
      const handle = handleCentres.find((candidate) => candidate.id === arrow.id);
      assert.ok(handle !== undefined, `${arrow.name} has its handle`);
      assert.ok(Math.hypot(handle.x - arrow.x, handle.y - arrow.y) < 4, `${arrow.name} starts at its handle (${arrow.x},${arrow.y} vs ${handle.x},${handle.y})`);
    }
    const arrowNames = arrows.map((arrow) => arrow.name);
    for (const name of ['Outcome localAuthentication of Page Node to Data Store Decision', 'Outcome false of Data Store Decision to Failure', 'Outcome CREATED of Create Object to Increment Login Count', 'Outcome true of Inner Tree Evaluator to Success']) {
      assert.ok(arrowNames.includes(name), `the arrow "${name}" is drawn (${arrowNames.join(' | ')})`);
    }
    assert.equal(await page.locator('.react-flow__edge-text').count(), 0, 'outcomes are named at their handles, not midway along the arrows');
    assert.equal(await page.getByRole('link', { name: 'Try it' }).getAttribute('href'), '/login?realm=alpha&journey=Login');
    assert.equal(new URL(page.url()).hash, '#/alpha/journeys/Login');
    await harness.screenshot(page, 'journey-login');
  });

  it("opens a node's config in the side panel, the arrows staying drawn", async () => {
    // Counts the arrows at every change of the drawing while the panel opens: none may vanish, even for a frame.
    await page.evaluate(() => {
      const arrows = (): number => document.querySelectorAll('.react-flow__edge').length;
      const marks = document.documentElement.dataset;
      marks.fewestArrows = String(arrows());
      new MutationObserver(() => {
        marks.fewestArrows = String(Math.min(Number(marks.fewestArrows), arrows()));
      }).observe(document.querySelector('.react-flow') ?? document.body, { childList: true, subtree: true });
    });
    await page.locator('.react-flow__node', { hasText: 'Inner Tree Evaluator' }).click();
    const panel = page.getByRole('complementary');
    await panel.getByRole('heading', { name: 'Inner Tree Evaluator' }).waitFor();
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.fewestArrows), '21', 'every arrow stayed drawn while the panel opened');
    await panel.getByText('tree', { exact: true }).waitFor();
    assert.match(await panel.textContent() ?? '', /ProgressiveProfile/, 'the inner tree it runs is shown');
    await harness.screenshot(page, 'journey-login-node');
    await page.locator('.react-flow__node', { hasText: 'Page NodePageNode' }).first().click();
    await panel.getByRole('heading', { name: 'Nodes on this page' }).waitFor();
    await harness.screenshot(page, 'journey-login-page-node');
  });

  it("'Try it' opens the journey on the sign-in page", async () => {
    const [tab] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('link', { name: 'Try it' }).click()]);
    await tab.waitForLoadState();
    assert.equal(new URL(tab.url()).pathname, '/login');
    await tab.getByLabel('User Name', { exact: true }).waitFor();
    await tab.close();
  });

  it('signs out, and the journeys then ask to sign in again', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('alert').filter({ hasText: 'You are signed out.' }).waitFor();
    await page.reload();
    await page.getByLabel('User Name', { exact: true }).waitFor();
    const realms = await page.evaluate(async () => (await fetch('/am/json/global-config/realms?_queryFilter=true')).status);
    assert.equal(realms, 401, 'the session is gone');
  });

  it('breaks no rule of the page policy and throws nothing', () => {
    assert.deepEqual(problems, []);
  });
});
