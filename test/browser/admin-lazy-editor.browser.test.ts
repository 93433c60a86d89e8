/**
 * The admin app loads fast in Chromium against a real Arbor on loopback: the journeys list needs
 * only the entry script (Brotli-compressed, as Chromium accepts it), the journey drawing (React
 * Flow) is fetched when a journey is opened and the editor when "Edit" is clicked, saying
 * "Loading the editor…" meanwhile (and, when its chunk cannot be fetched, asking to reload the
 * page, which then opens it); the page breaks no rule of its policy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page, Response } from 'playwright-core';
import type { TestServer } from '../helpers/test-server.ts';
import { type EditorSession, openEditorSession } from './editor-session.ts';
import { chromiumSkip } from './launch-chromium.ts';
import { signInToAdminAlpha } from './admin-sign-in.ts';

const EDITOR_CHUNK = /\/admin\/assets\/editor-view-[^/]+\.js$/;

interface Fetched {
  name: string;
  status: number;
  encoding: string | undefined;
}

describe('the admin app loads the journey editor on demand in Chromium', { skip: chromiumSkip() }, () => {
  let server: TestServer;
  let page: Page;
  let problems: string[] = [];
  const fetched: Fetched[] = [];
  let session: EditorSession | undefined;

  before(async () => {
    // The first check for a session (401) is logged as a failed load: expected.
    session = await openEditorSession('admin-lazy-editor', { user: { name: 'lane', password: 'Lane-Passw0rd1' }, expectedFailures: /^401$/ });
    ({ server, page, problems } = session);
    page.on('response', (response: Response) => {
      const name = /\/admin\/assets\/([^?#]+\.js)$/.exec(response.url())?.[1];
      if (name !== undefined) fetched.push({ name, status: response.status(), encoding: response.headers()['content-encoding'] });
    });
  });
  after(() => session?.close());

  const scripts = (): string[] => fetched.map((file) => file.name);

  it('shows the journeys list with the entry script only, Brotli-compressed', async () => {
    await signInToAdminAlpha(page, server.baseUrl);
    assert.equal(fetched.length, 1, `one script: ${scripts().join(', ')}`);
    assert.match(fetched[0]?.name ?? '', /^index-/);
    assert.equal(fetched[0]?.status, 200);
    assert.equal(fetched[0]?.encoding, 'br');
  });

  it('fetches the journey drawing when a journey is opened', async () => {
    await page.getByRole('button', { name: 'Login', exact: true }).click();
    await page.locator('.react-flow__node').first().waitFor();
    assert.ok(scripts().some((name) => name.startsWith('journey-view-')), `the drawing's chunk: ${scripts().join(', ')}`);
    assert.ok(!scripts().some((name) => name.startsWith('editor-view-')), 'not the editor yet');
  });

  it('says so when the editor cannot be fetched, and asks to reload the page', async () => {
    await page.route(EDITOR_CHUNK, (route) => route.abort('connectionfailed'));
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'The editor could not be loaded: check the connection and reload the page.' }).waitFor();
    await page.unroute(EDITOR_CHUNK);
    // The browser logs the refused fetch of the chunk: provoked here, not a problem of the page.
    const provoked = problems.filter((problem) => /net::ERR_/.test(problem));
    assert.equal(provoked.length, 1, problems.join('\n'));
    problems.splice(problems.indexOf(provoked[0] ?? ''), 1);
  });

  it('says it is loading the editor until its chunk arrives, then opens it (after the reload)', async () => {
    let release = (): void => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(EDITOR_CHUNK, async (route) => {
      await held;
      await route.continue();
    });
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'Loading the editor…' }).waitFor();
    release();
    await page.getByRole('complementary', { name: 'Node types' }).waitFor();
    await page.unroute(EDITOR_CHUNK);
    const editor = fetched.find((file) => file.name.startsWith('editor-view-'));
    assert.equal(editor?.status, 200);
    assert.equal(editor?.encoding, 'br');
  });

  it('breaks no rule of the page policy and throws nothing', () => {
    assert.deepEqual(problems, []);
  });
});
