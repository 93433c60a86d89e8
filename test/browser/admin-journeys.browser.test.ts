/**
 * The admin app's journeys list actions in Chromium against a real Arbor on loopback: amadmin
 * imports a Frodo export with scripts (test/fixtures/forgerock/frodo-lib, see test/fixtures/NOTICE.md)
 * through the file input, sees it listed, opens it and sees its nodes drawn with their outcomes'
 * handles; a file that is not a journey export is refused with the server's reasons and imports
 * nothing; duplicates the journey (new node ids); exports it and finds the journey and its scripts
 * in the downloaded file, and an export of ForgottenUsername holds the inner trees it runs; deletes
 * the duplicate after a confirmation; cannot delete Login, which another journey runs as an inner
 * tree; imports ForgeRock's sample PlatformRegistration (no saved layout) and sees it laid out with
 * no arrow running under a box. The page breaks no rule of its policy and throws nothing.
 * Screenshots: `test-output/screenshots/admin-journeys-*.png`.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';
import type { BrowserHarness } from './browser-harness.ts';
import { ensureAdminAppBuilt } from './admin-app-build.ts';
import { startBrowser } from './browser-harness.ts';
import { chromiumSkip } from './launch-chromium.ts';
import { recordPageProblems } from './page-problems.ts';

/** One of ForgeRock's sample journeys as Frodo exports it (test/fixtures/forgerock/frodo-export-am-classic; source and licence in test/fixtures/NOTICE.md). */
const PLATFORM_REGISTRATION = new URL('../fixtures/forgerock/frodo-export-am-classic/PlatformRegistration.journey.json', import.meta.url).pathname;
const SAMPLE = new URL('../fixtures/forgerock/frodo-lib/FrodoTestJourney3-scripts.journey.json', import.meta.url).pathname;
const JOURNEY = 'FrodoTestJourney3';
const COPY = 'FrodoTestJourney3 copy';

interface FrodoFile {
  trees: Record<string, { tree: { _id: string; nodes: Record<string, unknown> }; scripts: Record<string, { name: string }>; innerNodes: Record<string, unknown> }>;
}

describe('the admin app journeys list in Chromium', { skip: chromiumSkip() }, () => {
  let server: TestServer;
  let harness: BrowserHarness;
  let page: Page;
  let problems: string[] = [];

  before(async () => {
    await ensureAdminAppBuilt();
    [harness, server] = await Promise.all([startBrowser('admin-journeys'), startTestServer({ ownPublicUrl: true })]);
    page = await harness.newPage();
    // The check before signing in (401), the refused import (400) and the free-name check of the copy (404) are expected failed loads.
    problems = recordPageProblems(page, /^40[014]$/);
  });
  after(async () => {
    await harness?.close();
    await server?.close();
  });

  /** The file a click on `button` downloads, parsed. */
  async function downloaded(button: string): Promise<{ name: string; file: FrodoFile }> {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()]);
    const path = await download.path();
    return { name: download.suggestedFilename(), file: JSON.parse(await readFile(path, 'utf8')) as FrodoFile };
  }

  it("signs amadmin in and opens alpha's journeys", async () => {
    await page.goto(`${server.baseUrl}/admin#/alpha/journeys`);
    await page.getByLabel('User Name', { exact: true }).fill('amadmin');
    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Journeys', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Login', exact: true }).waitFor();
  });

  it('refuses a file that is not a journey export, with the reasons, and one that is not JSON', async () => {
    await page.getByLabel('Import journeys').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": "world"}') });
    const alert = page.getByRole('alert').filter({ hasText: 'Nothing was imported' });
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /notes\.json.*not a journey export/);
    await harness.screenshot(page, 'import-refused');
    await page.getByLabel('Import journeys').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"tree": ') });
    await page.getByRole('alert').filter({ hasText: 'broken.json is not a JSON file.' }).waitFor();
  });

  it('imports a Frodo export with scripts through the file input and lists it', async () => {
    await page.getByLabel('Import journeys').setInputFiles(SAMPLE);
    const status = page.getByRole('status').filter({ hasText: 'Imported one journey' });
    await status.waitFor();
    assert.match((await status.textContent()) ?? '', /Scripts: .*Check Username/);
    await page.getByRole('button', { name: JOURNEY, exact: true }).waitFor();
    await harness.screenshot(page, 'imported');
  });

  it('opens the imported journey and draws its nodes', async () => {
    await page.getByRole('button', { name: `Open ${JOURNEY}`, exact: true }).click();
    await page.getByRole('heading', { name: JOURNEY, level: 1 }).waitFor();
    await page.locator('.react-flow__node', { hasText: 'Check Username' }).waitFor();
    const labels = await page.locator('.react-flow__node').allTextContents();
    for (const title of ['Check Username', 'Login Page', 'Success']) assert.ok(labels.some((label) => label.includes(title)), `${title} is drawn (${labels.join(' | ')})`);
    for (const outcome of ['known', 'unknown']) await page.locator(`.react-flow__handle[aria-label="Outcome ${outcome} of Check Username"]`).waitFor();
    // An arrow drawn level has no height: attached, not "visible".
    await page.getByRole('img', { name: 'Outcome unknown of Check Username to Login Page', exact: true }).waitFor({ state: 'attached' });
    assert.equal(new URL(page.url()).hash, `#/alpha/journeys/${JOURNEY}`);
    await harness.screenshot(page, 'drawn');
  });

  it('duplicates the journey under a new name, its nodes under new ids', async () => {
    await page.goto(`${server.baseUrl}/admin#/alpha/journeys`);
    await page.getByRole('button', { name: `Duplicate ${JOURNEY}` }).click();
    assert.equal(await page.getByLabel('Name of the copy').inputValue(), COPY);
    await harness.screenshot(page, 'duplicate-form');
    await page.getByRole('button', { name: 'Duplicate', exact: true }).click();
    await page.getByRole('status').filter({ hasText: `Duplicated ${JOURNEY} as ${COPY}.` }).waitFor();
    await page.getByRole('button', { name: COPY, exact: true }).waitFor();
    const original = await downloaded(`Export ${JOURNEY}`);
    const copy = await downloaded(`Export ${COPY}`);
    const originalIds = [...Object.keys(original.file.trees[JOURNEY]?.tree.nodes ?? {}), ...Object.keys(original.file.trees[JOURNEY]?.innerNodes ?? {})];
    const copyIds = [...Object.keys(copy.file.trees[COPY]?.tree.nodes ?? {}), ...Object.keys(copy.file.trees[COPY]?.innerNodes ?? {})];
    assert.equal(copyIds.length, 4, 'two nodes and the page’s two children');
    assert.equal(copyIds.length, originalIds.length);
    assert.ok(copyIds.every((id) => !originalIds.includes(id)), 'every node of the copy is new');
    await harness.screenshot(page, 'duplicated');
  });

  it('exports the journey with its scripts, and a journey with the inner trees it runs', async () => {
    const { name, file } = await downloaded(`Export ${JOURNEY}`);
    assert.equal(name, `${JOURNEY}.journey.json`);
    assert.deepEqual(Object.keys(file.trees), [JOURNEY]);
    const scripts = Object.values(file.trees[JOURNEY]?.scripts ?? {}).map((script) => script.name);
    assert.ok(scripts.includes('Check Username'), `its script is in the file (${scripts.join(', ')})`);
    await page.getByRole('status').filter({ hasText: `Exported ${JOURNEY} to ${JOURNEY}.journey.json with no inner tree and` }).waitFor();
    const inner = await downloaded('Export ForgottenUsername');
    assert.deepEqual(Object.keys(inner.file.trees).sort(), ['ForgottenUsername', 'Login', 'ProgressiveProfile']);
    await page.getByRole('status').filter({ hasText: 'inner trees Login and ProgressiveProfile, no script and email template forgottenUsername' }).waitFor();
    await harness.screenshot(page, 'exported');
  });

  it('deletes the duplicate after a confirmation that names it', async () => {
    await page.getByRole('button', { name: `Delete ${COPY}`, exact: true }).click();
    const dialog = page.getByRole('alertdialog', { name: `Delete ${COPY}?` });
    await dialog.waitFor();
    await harness.screenshot(page, 'delete-confirm');
    await dialog.getByRole('button', { name: `Yes, delete ${COPY}` }).click();
    await page.getByRole('status').filter({ hasText: `Deleted ${COPY}.` }).waitFor();
    await page.getByRole('button', { name: COPY, exact: true }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: JOURNEY, exact: true }).waitFor();
    const gone = await page.evaluate(async (name) => (await fetch(`/am/json/realms/root/realms/alpha/realm-config/authentication/authenticationtrees/trees/${encodeURIComponent(name)}`, { headers: { 'accept-api-version': 'resource=1.0' } })).status, COPY);
    assert.equal(gone, 404);
  });

  it('refuses to delete a journey another one runs as an inner tree, naming it', async () => {
    await page.getByRole('button', { name: 'Delete Login', exact: true }).click();
    await page.getByRole('alertdialog', { name: 'Delete Login?' }).getByRole('button', { name: 'Yes, delete Login' }).click();
    await page.getByRole('alert').filter({ hasText: 'Login cannot be deleted: ForgottenUsername runs it as an inner tree.' }).waitFor();
    await harness.screenshot(page, 'delete-refused');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Login', exact: true }).waitFor();
  });

  it("imports ForgeRock's sample PlatformRegistration journey and draws it", async () => {
    await page.goto(`${server.baseUrl}/admin#/alpha/journeys`);
    await page.getByLabel('Import journeys').setInputFiles(PLATFORM_REGISTRATION);
    await page.getByRole('status').filter({ hasText: 'Imported one journey' }).waitFor();
    await page.getByRole('button', { name: 'Open PlatformRegistration', exact: true }).click();
    await page.getByRole('heading', { name: 'PlatformRegistration', level: 1 }).waitFor();
    await page.locator('.react-flow__node', { hasText: 'Create Object' }).waitFor();
    const labels = await page.locator('.react-flow__node').allTextContents();
    for (const title of ['Page Node', 'Create Object', 'Increment Login Count', 'Success', 'Failure']) assert.ok(labels.some((label) => label.includes(title)), `${title} is drawn (${labels.join(' | ')})`);
    for (const outcome of ['CREATED', 'FAILURE']) await page.locator(`.react-flow__handle[aria-label="Outcome ${outcome} of Create Object"]`).waitFor();
    // The Page node lists its children, in page order, as the editor does.
    const children = page.locator('.react-flow__node', { hasText: 'Page Node' }).locator('ol.children li');
    await children.first().waitFor();
    assert.deepEqual(await children.allTextContents(), ['Platform Username', 'Attribute Collector', 'Platform Password', 'KBA Definition', 'Accept Terms and Conditions']);
    const failure = page.getByRole('img', { name: 'Outcome FAILURE of Create Object to Failure', exact: true });
    await failure.waitFor({ state: 'attached' });
    assert.equal(await page.locator('.react-flow__edge').count(), 5, 'the entry and its four outcomes are drawn as links');
    // The FAILURE arrow skips the column of Increment Login Count: it runs beside that box, not under it.
    const box = await page.locator('.react-flow__node', { hasText: 'Increment Login Count' }).boundingBox();
    assert.ok(box !== null);
    const under = await failure.evaluate((edge, rect) => {
      const path = edge.querySelector<SVGPathElement>('path.react-flow__edge-path');
      const matrix = path?.getScreenCTM();
      if (path === null || path === undefined || matrix === null || matrix === undefined) return -1;
      let inside = 0;
      for (let step = 0; step <= 100; step++) {
        const local = path.getPointAtLength((path.getTotalLength() * step) / 100);
        const point = new DOMPoint(local.x, local.y).matrixTransform(matrix);
        if (point.x > rect.x && point.x < rect.x + rect.width && point.y > rect.y && point.y < rect.y + rect.height) inside++;
      }
      return inside;
    }, box);
    assert.equal(under, 0, 'no point of the FAILURE arrow is under Increment Login Count');
    await harness.screenshot(page, 'sample-drawn');
  });

  it('breaks no rule of the page policy and throws nothing', () => {
    assert.deepEqual(problems, []);
  });
});
