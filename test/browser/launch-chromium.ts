/**
 * Debian's Chromium for the browser tests, driven by playwright-core (which never downloads a
 * browser of its own). Without Chromium a suite skips with a reason the skip summary prints, except
 * in CI (`CI=true`), where a missing Chromium is a failure: `.ci/run` installs it.
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';

/**
 * The Chromium to drive: `ARBOR_TEST_CHROMIUM` when set, else the first `chromium` on the PATH
 * (Debian's package installs it there); undefined when there is none.
 */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const executable = (file: string): boolean => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (env.ARBOR_TEST_CHROMIUM) return executable(env.ARBOR_TEST_CHROMIUM) ? env.ARBOR_TEST_CHROMIUM : undefined;
  return (env.PATH ?? '').split(path.delimiter).filter((dir) => dir !== '').map((dir) => path.join(dir, 'chromium')).find(executable);
}

/** The `skip` option of a browser suite: a reason when Chromium is missing outside CI, else false. */
export function chromiumSkip(env: NodeJS.ProcessEnv = process.env): string | false {
  if (chromiumPath(env) !== undefined || env.CI === 'true') return false;
  return 'Chromium is not installed (no chromium on the PATH nor ARBOR_TEST_CHROMIUM; apt-get install chromium)';
}

/**
 * Starts Chromium headless, in a new empty profile (Playwright makes one per launch and removes it
 * on close), with no network of its own; fails with a clear message when Chromium is missing.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (executablePath === undefined) throw new Error("Chromium is missing (no chromium on the PATH nor ARBOR_TEST_CHROMIUM): the browser tests need Debian's chromium package");
  const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  return chromium.launch({ executablePath, headless: true, args, timeout: 15_000 });
}
