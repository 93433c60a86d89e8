/**
 * What the journey editor's browser tests start from: the admin app built, Chromium, a real Arbor
 * on loopback (with a journey imported into alpha when given, and a user to sign in with), one
 * page at 1600 × 900 whose failed loads and policy breaks are recorded (the `expectedFailures`
 * statuses left out), the boxes of the graph found by their name, and their side panels opened.
 */
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { addUser, importJourneyJson } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';
import { ensureAdminAppBuilt } from './admin-app-build.ts';
import type { BrowserHarness } from './browser-harness.ts';
import { startBrowser } from './browser-harness.ts';
import { recordPageProblems } from './page-problems.ts';

export interface EditorSession {
  server: TestServer;
  harness: BrowserHarness;
  page: Page;
  /** What went wrong on the page so far (filled as the test goes). */
  problems: string[];
  close(): Promise<void>;
}

export interface EditorSessionOptions {
  /** A journey export imported into alpha before the browser opens. */
  journey?: unknown;
  /** A user of alpha who has accepted the terms. */
  user: { name: string; password: string };
  /** Statuses of failed loads the test provokes on purpose. */
  expectedFailures: RegExp;
}

/** Starts what an editor test needs; `name` names its screenshots. */
export async function openEditorSession(name: string, options: EditorSessionOptions): Promise<EditorSession> {
  await ensureAdminAppBuilt();
  const [harness, server] = await Promise.all([startBrowser(name), startTestServer({ ownPublicUrl: true })]);
  if (options.journey !== undefined) {
    const imported = await importJourneyJson(server, options.journey, 'alpha');
    assert.equal(imported.code, 0, `the journey is imported: ${imported.out} ${imported.err}`);
  }
  await addUser(server, 'alpha', options.user.name, options.user.password, {}, { termsAccepted: true });
  const page = await harness.newPage();
  await page.setViewportSize({ width: 1600, height: 900 });
  const problems = recordPageProblems(page, options.expectedFailures);
  return {
    server,
    harness,
    page,
    problems,
    async close() {
      await harness.close();
      await server.close();
    },
  };
}

/** The box of the graph whose title is `name`. */
export function boxOf(page: Page, name: string): Locator {
  return page.locator('.react-flow__node', { has: page.locator('strong', { hasText: new RegExp(`^${name}$`) }) });
}

/**
 * Clicks the box named `name` until `panel` (its side panel) shows: on a loaded machine the first
 * click can land while the canvas still fits the view, and a person would click again.
 */
export async function openPanelOf(page: Page, name: string, panel: Locator): Promise<Locator> {
  for (let attempt = 1; ; attempt++) {
    await boxOf(page, name).click();
    try {
      await panel.waitFor({ timeout: 5000 });
      return panel;
    } catch (error) {
      if (attempt === 4) throw error;
    }
  }
}
