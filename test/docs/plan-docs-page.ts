/**
 * Turns a documentation page into the steps its docs test runs: every ```sh (or ```bash,
 * ```shell) block, in order, with the output block that directly follows it (```json, ```text or
 * a bare fence). A block preceded by `<!-- docs-test: skip (reason) -->` is not run, nor is its
 * output block; the reason is reported. Anything else is a problem of the page: an unknown
 * docs-test comment, one before a block that is never run, a transcript (`$ ` lines) in a fence
 * that is not a shell one (it would silently go untested), a badly cut shell block.
 */
import { parseFencedBlocks } from './parse-fenced-blocks.ts';
import type { DocsStep } from './split-shell-block.ts';
import { splitShellBlock } from './split-shell-block.ts';

/** A block the page asks not to run, and why. */
export interface DocsSkip {
  line: number;
  reason: string;
}

/** What the docs test does with one page. */
export interface DocsPlan {
  steps: DocsStep[];
  /** Shell blocks that are run. */
  blocksRun: number;
  skips: DocsSkip[];
  problems: string[];
}

const SHELL = new Set(['sh', 'bash', 'shell']);
const OUTPUT = new Set(['', 'text', 'json']);
const SKIP = /^skip \((.+)\)$/;

/** The plan for the page whose text is `markdown`. */
export function planDocsPage(markdown: string): DocsPlan {
  const blocks = parseFencedBlocks(markdown);
  const plan: DocsPlan = { steps: [], blocksRun: 0, skips: [], problems: [] };
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index];
    if (block === undefined) continue;
    const next = blocks[index + 1];
    const shell = SHELL.has(block.lang);
    const output = shell && next !== undefined && next.followsPrevious && OUTPUT.has(next.lang) ? next : undefined;
    if (output !== undefined) index++;
    if (block.directive !== undefined) {
      const skip = SKIP.exec(block.directive.text);
      if (skip === null) {
        plan.problems.push(`line ${block.directive.line}: unknown docs-test comment "${block.directive.text}"; write <!-- docs-test: skip (the reason) -->`);
      } else if (!shell) {
        plan.problems.push(`line ${block.directive.line}: a docs-test comment before a \`\`\`${block.lang} block, which is never run anyway`);
      } else {
        plan.skips.push({ line: block.line, reason: skip[1] ?? '' });
        continue;
      }
    }
    if (!shell) {
      if (block.lines.some((text) => text.startsWith('$ '))) {
        plan.problems.push(`line ${block.line}: a transcript ("$ " commands) in a \`\`\`${block.lang} block is never run: make it a \`\`\`sh block, or skip it with a reason`);
      }
      continue;
    }
    const split = splitShellBlock(block, output);
    plan.problems.push(...split.problems);
    plan.steps.push(...split.steps);
    plan.blocksRun++;
  }
  return plan;
}
