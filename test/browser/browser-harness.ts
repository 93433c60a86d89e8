/**
 * What every browser suite shares: one Chromium, fresh browser profiles (light or dark, desktop or
 * mobile, with or without JavaScript), screenshots written under the git-ignored
 * `test-output/screenshots/` for a person to look at, and axe-core's serious and critical
 * violations of a page.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import type { AxeResults } from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './launch-chromium.ts';

/** Where screenshots go (git-ignored), relative to the repository root the tests run from. */
export const SCREENSHOT_DIR = path.join('test-output', 'screenshots');

/** How a browser profile looks at pages. */
export interface ProfileOptions {
  /** `prefers-color-scheme`; light by default. */
  colorScheme?: 'light' | 'dark';
  /** `mobile` is 390×844 with touch; desktop (1280×800) by default. */
  width?: 'desktop' | 'mobile';
  /** False runs the profile with JavaScript disabled. */
  javaScript?: boolean;
  /** The browser's language (Accept-Language and navigator.language); `en-GB` by default. */
  locale?: string;
  /** Lets axe-core's script run on pages whose policy allows no inline script. */
  bypassCSP?: boolean;
}

/** A Chromium shared by a suite, handing out fresh profiles and closing them all at the end. */
export interface BrowserHarness {
  browser: Browser;
  newPage(options?: ProfileOptions): Promise<Page>;
  /** Saves a full-page screenshot as `<suite>-<name>.png`; returns its path for the diagnostics. */
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

/** Starts Chromium for the suite `suite` (the screenshots' name prefix). */
export async function startBrowser(suite: string): Promise<BrowserHarness> {
  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    browser,
    async newPage(options = {}) {
      const mobile = options.width === 'mobile';
      const context = await browser.newContext({
        locale: options.locale ?? 'en-GB',
        colorScheme: options.colorScheme ?? 'light',
        viewport: mobile ? { width: 390, height: 844 } : { width: 1280, height: 800 },
        isMobile: mobile,
        hasTouch: mobile,
        javaScriptEnabled: options.javaScript !== false,
        bypassCSP: options.bypassCSP === true,
      });
      contexts.push(context);
      return context.newPage();
    },
    async screenshot(page, name) {
      const file = path.join(SCREENSHOT_DIR, `${suite}-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
    },
  };
}

/** The violations axe-core finds on `page`: `blocking` (serious or critical) and `all`, one line each. */
export async function axeViolations(page: Page): Promise<{ blocking: string[]; all: string[] }> {
  await page.evaluate(axe.source);
  const results = await page.evaluate<AxeResults>("axe.run(document, { resultTypes: ['violations'] })");
  const line = (violation: AxeResults['violations'][number]): string =>
    `${violation.impact ?? 'unrated'} ${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`;
  return {
    blocking: results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map(line),
    all: results.violations.map(line),
  };
}
