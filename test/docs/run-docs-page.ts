/**
 * Runs the examples of one documentation page as a reader would: a fresh Arbor (`arbor start` on
 * a free loopback port, administrator password `Admin-Passw0rd!`), one bash session in a new
 * working directory that stands for the reader's checkout (the repository's top-level entries are
 * linked into it, so that `test/fixtures/…` can be read, and Arbor's data is in its `./data`;
 * files the page writes stay there; `npm run arbor -- …` runs the repository's CLI there, on that
 * data), every shell block in page order, with `localhost:8080` pointed at the server. Each step's
 * output is compared with what the page shows (`matchOutput`, after `rewriteLocalUrls` and
 * `rewriteReaderPaths`). The report lists every difference with the page, the block's line, the
 * command's line and the line of the documented output where they part.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DOCS_SHELL_PREAMBLE } from './docs-shell-preamble.ts';
import { matchOutput } from './match-output.ts';
import type { DocsSkip } from './plan-docs-page.ts';
import { planDocsPage } from './plan-docs-page.ts';
import { rewriteLocalUrls } from './rewrite-local-urls.ts';
import { rewriteReaderPaths } from './rewrite-reader-paths.ts';
import type { ShellSession } from './open-shell-session.ts';
import { openShellSession } from './open-shell-session.ts';
import type { DocsStep } from './split-shell-block.ts';
import type { ArborProcess } from './start-arbor-process.ts';
import { startArborProcess } from './start-arbor-process.ts';

/** What happened to a page. */
export interface PageReport {
  page: string;
  blocksRun: number;
  stepsRun: number;
  skips: DocsSkip[];
  /** Empty when every example ran as documented. */
  failures: string[];
}

const STEP_TIMEOUT_MS = 60_000;

/** Entries of the repository that are not part of a reader's fresh checkout. */
const NOT_LINKED = new Set(['.git', 'node_modules', 'data']);

function quoted(text: string, limit = 40): string {
  const lines = text.replace(/\n$/, '').split('\n');
  const shown = lines.length > limit ? [...lines.slice(0, limit), `… (${lines.length - limit} more lines)`] : lines;
  return shown.map((line) => `    | ${line}`).join('\n');
}

function where(page: string, step: DocsStep): string {
  return `${page}:${step.line} (shell block at line ${step.blockLine})`;
}

/**
 * Runs page `page` (a path relative to `root`, the repository, which also provides the server and
 * the CLI) and reports; `file` reads the page from elsewhere under that name.
 */
export async function runDocsPage(options: { root: string; page: string; file?: string }): Promise<PageReport> {
  const { root, page } = options;
  const plan = planDocsPage(await readFile(options.file ?? path.join(root, page), 'utf8'));
  const report: PageReport = { page, blocksRun: plan.blocksRun, stepsRun: 0, skips: plan.skips, failures: plan.problems.map((problem) => `${page} ${problem}`) };
  if (plan.steps.length === 0) return report;
  const temp = await mkdtemp(path.join(tmpdir(), 'arbor-docs-'));
  const work = path.join(temp, 'arbor');
  const dirs = { work, home: path.join(temp, 'home'), data: path.join(work, 'data'), control: path.join(temp, 'control') };
  await Promise.all(Object.values(dirs).map((dir) => mkdir(dir, { recursive: true })));
  for (const entry of await readdir(root)) {
    if (!NOT_LINKED.has(entry)) await symlink(path.join(root, entry), path.join(work, entry));
  }
  const refused = path.join(dirs.control, 'refused');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: dirs.home,
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    TZ: 'UTC',
    TERM: 'dumb',
    NODE_COMPILE_CACHE: path.join(tmpdir(), 'arbor-docs-test-compile-cache'),
  };
  const main = path.join(root, 'src', 'main.ts');
  let server: ArborProcess | undefined;
  let session: ShellSession | undefined;
  try {
    server = await startArborProcess({ main, cwd: dirs.work, dataDir: dirs.data, env });
    const port = server.port;
    session = openShellSession({
      cwd: dirs.work,
      env: { ...env, DOCS_TEST_NODE: process.execPath, DOCS_TEST_MAIN: main, DOCS_TEST_DATA_DIR: dirs.data, DOCS_TEST_REFUSED: refused },
      controlDir: dirs.control,
      preamble: DOCS_SHELL_PREAMBLE,
    });
    for (const step of plan.steps) {
      report.stepsRun++;
      let result: { output: string; status: number };
      try {
        result = await session.run(rewriteLocalUrls(step.script, port), STEP_TIMEOUT_MS);
      } catch (error) {
        report.failures.push(`${where(page, step)}: ${error instanceof Error ? error.message : String(error)}; the page's later steps were not run`);
        break;
      }
      const refusals = await readFile(refused, 'utf8').catch(() => '');
      if (refusals !== '') {
        await writeFile(refused, '');
        report.failures.push(`${where(page, step)}: runs a command the docs test does not run: ${refusals.trim().split('\n').join(', ')}; only "npm run arbor -- …" and "npm run -s arbor -- …" run the CLI`);
        continue;
      }
      if (result.status === 127 && /command not found/.test(result.output)) {
        report.failures.push(`${where(page, step)}: a command was not found:\n${quoted(result.output)}`);
      }
      if (step.expected === undefined) continue;
      const shown = rewriteReaderPaths(rewriteLocalUrls(step.expected.lines.join('\n'), port), { checkout: work, home: dirs.home });
      const difference = matchOutput(shown, result.output);
      if (difference !== undefined) {
        const shownAt = step.expected.line + difference.line - 1;
        report.failures.push(
          `${where(page, step)}: the output differs from the page's at ${page}:${shownAt}: ${difference.message}\n  the page shows:\n${quoted(shown)}\n  the command printed (exit status ${result.status}):\n${quoted(result.output)}`,
        );
      }
    }
  } catch (error) {
    report.failures.push(`${page}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    session?.close();
    await server?.stop();
    await rm(temp, { recursive: true, force: true });
  }
  return report;
}
