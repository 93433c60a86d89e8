/**
 * The documentation's examples run as written: for each page of `DOCS_TEST_PAGES`, every shell
 * block runs in order against a fresh Arbor and prints what the page shows (`runDocsPage`).
 * Pages run in parallel, each with its own server; a failure names the page, the block's and the
 * command's lines, the documented line where the outputs part, and both outputs.
 *
 * How a page shows what its commands print (`splitShellBlock`):
 * - a ```sh block of plain commands, then a ```json, ```text or bare block right after it: what
 *   the block prints (standard output and error, as a terminal shows them); or `# …` comment lines
 *   right under a command (no blank line between): what the commands since the previous output
 *   print. A command with no shown output runs unchecked;
 * - a ```sh transcript: `$ ` commands, each followed by all it prints (nothing shown: nothing
 *   printed); `#` lines are remarks.
 * How outputs compare (`matchOutput`): JSON structurally (member order and layout free); text
 * line by line, runs of spaces and tabs alike; `…` stands for anything (in a string or line: any
 * text; as a member or element: any number more; as a line: any number of lines); UUIDs, ISO
 * timestamps, dates and tokens (16+ base64url characters with a digit and a letter) stand for any
 * of their kind; `localhost:8080`, `/path/to/arbor` (the checkout) and `/home/me` are the test's
 * own. Everything else must be exact: revisions, counts, messages.
 * A block that cannot run in a test gets `<!-- docs-test: skip (the reason) -->` on the line
 * before its fence. Of npm's commands, only `npm run arbor -- …` and `npm run -s arbor -- …` run
 * (the repository's CLI, without npm's banner); `npm start`, `npm ci` and the like fail the page
 * unless skipped.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { DOCS_TEST_PAGES } from './docs-test-pages.ts';
import { runDocsPage } from './run-docs-page.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('documentation examples run as written', { concurrency: 4 }, () => {
  for (const page of DOCS_TEST_PAGES) {
    it(page, async (t) => {
      const report = await runDocsPage({ root, page });
      t.diagnostic(`${page}: ${report.blocksRun} shell blocks run (${report.stepsRun} steps), ${report.skips.length} skipped`);
      for (const skip of report.skips) t.diagnostic(`${page}:${skip.line} skipped: ${skip.reason}`);
      if (report.failures.length > 0) assert.fail(`${report.failures.length} example(s) of ${page} do not run as documented:\n\n${report.failures.join('\n\n')}`);
    });
  }
});
