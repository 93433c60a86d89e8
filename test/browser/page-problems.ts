/**
 * What a page did wrong while a browser test used it: errors it threw, and console errors other
 * than the failed loads the test expects (refused calls a browser logs as "Failed to load
 * resource: … status of 4xx").
 */
import type { Page } from 'playwright-core';

/** Starts recording `page`'s problems; the statuses matching `expectedStatus` (e.g. `/^40[13]$/`) are not problems. */
export function recordPageProblems(page: Page, expectedStatus: RegExp): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    const failedLoad = /Failed to load resource: the server responded with a status of (\d{3})/.exec(message.text());
    if (message.type() === 'error' && !(failedLoad !== null && expectedStatus.test(failedLoad[1] ?? ''))) problems.push(`console: ${message.text()} (${message.location().url})`);
  });
  return problems;
}
