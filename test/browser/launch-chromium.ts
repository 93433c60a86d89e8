/**
 * Debian's Chromium for the browser tests, driven by playwright-core (which never downloads a
 * browser of its own). Without Chromium a suite skips with a reason the skip summary prints, except
 * in CI (`CI=true`), where a missing Chromium is a failure: `.ci/run` installs it.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';

/** Where Debian's `chromium` package puts the browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The `skip` option of a browser suite: a reason when Chromium is missing outside CI, else false. */
export function chromiumSkip(env: NodeJS.ProcessEnv = process.env): string | false {
  if (existsSync(CHROMIUM_PATH) || env.CI === 'true') return false;
  return `Chromium is not installed (${CHROMIUM_PATH}; apt-get install chromium)`;
}

/**
 * Starts Chromium headless, in a new empty profile (Playwright makes one per launch and removes it
 * on close), with no network of its own; fails with a clear message when Chromium is missing.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: the browser tests need Debian's chromium package`);
  const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args, timeout: 15_000 });
}
