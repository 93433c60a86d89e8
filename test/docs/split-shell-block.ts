/**
 * Cuts a fenced shell block of a documentation page into the steps a reader would type, each with
 * the output the page shows for it. Two ways of writing are understood:
 *
 * - a transcript, where commands start with `$ ` (continuation lines follow until the command is
 *   complete) and the lines after a command, up to the next `$ `, are its output (nothing shown
 *   means nothing printed); lines starting with `#` outside a command are remarks;
 * - plain commands, as pasted, where a `#` comment line right under a command (no blank line
 *   between) is that command's output, and so are the comment lines right under it; the commands
 *   since the previous output form one step. The last step's output may instead be the fenced
 *   block that follows this one (```json, ```text or a bare fence). A step without any shown
 *   output is run and its output not compared. A `#` line after a blank line is a remark.
 */
import type { FencedBlock } from './parse-fenced-blocks.ts';
import { isCommandComplete } from './is-command-complete.ts';

/** What a page shows as a step's output. */
export interface ExpectedOutput {
  /** 1-based line where the shown output starts. */
  line: number;
  lines: string[];
}

/** One thing to run, in the page's shell session. */
export interface DocsStep {
  /** 1-based line of the step's first command. */
  line: number;
  /** 1-based line of the opening fence of its block. */
  blockLine: number;
  script: string;
  /** Undefined: the page shows no output, so none is compared. */
  expected?: ExpectedOutput;
}

/** The steps of one block, and what is wrong with the way it is written. */
export interface SplitBlock {
  steps: DocsStep[];
  problems: string[];
}

const PROMPT = /^\$( |$)/;
const COMMENT = /^\s*#/;

function trimBlankEnds(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start] ?? '').trim() === '') start++;
  while (end > start && (lines[end - 1] ?? '').trim() === '') end--;
  return lines.slice(start, end);
}

function splitTranscript(block: FencedBlock): SplitBlock {
  const steps: DocsStep[] = [];
  const problems: string[] = [];
  let current: { line: number; script: string[]; output: { line: number; text: string }[] } | undefined;
  let open = false;
  const flush = (): void => {
    if (current === undefined) return;
    const shown = current.output;
    const first = shown.findIndex((entry) => entry.text.trim() !== '');
    const lines = trimBlankEnds(shown.map((entry) => entry.text));
    const line = first === -1 ? current.line : (shown[first]?.line ?? current.line);
    steps.push({ line: current.line, blockLine: block.line, script: current.script.join('\n'), expected: { line, lines } });
  };
  block.lines.forEach((text, index) => {
    const line = block.line + 1 + index;
    if (current !== undefined && open) {
      current.script.push(text);
      open = !isCommandComplete(current.script.join('\n'));
    } else if (PROMPT.test(text)) {
      flush();
      current = { line, script: [text.slice(2)], output: [] };
      open = !isCommandComplete(text.slice(2));
    } else if (COMMENT.test(text)) {
      // a remark for the reader
    } else if (current !== undefined) current.output.push({ line, text });
    else if (text.trim() !== '') problems.push(`line ${line}: text before the first "$ " command of a transcript`);
  });
  if (open && current !== undefined) problems.push(`line ${current.line}: the command never ends (an open quote, parenthesis or here-document)`);
  flush();
  return { steps, problems };
}

function splitCommands(block: FencedBlock, output: FencedBlock | undefined): SplitBlock {
  const steps: DocsStep[] = [];
  const problems: string[] = [];
  let script: { line: number; text: string }[] = [];
  let shown: { line: number; text: string }[] = [];
  let previous: 'blank' | 'command' | 'remark' | 'output' = 'blank';
  const hasCommands = (): boolean => script.some((entry) => entry.text.trim() !== '' && !COMMENT.test(entry.text));
  const flush = (expected: ExpectedOutput | undefined): void => {
    if (hasCommands()) {
      const first = script.find((entry) => entry.text.trim() !== '' && !COMMENT.test(entry.text));
      steps.push({ line: first?.line ?? block.line, blockLine: block.line, script: script.map((entry) => entry.text).join('\n'), ...(expected === undefined ? {} : { expected }) });
    }
    script = [];
    shown = [];
  };
  block.lines.forEach((text, index) => {
    const line = block.line + 1 + index;
    const atBoundary = isCommandComplete(script.map((entry) => entry.text).join('\n'));
    if (atBoundary && COMMENT.test(text) && (previous === 'command' || previous === 'output')) {
      shown.push({ line, text: text.trimStart().replace(/^# ?/, '') });
      previous = 'output';
      return;
    }
    if (shown.length > 0) flush({ line: shown[0]?.line ?? line, lines: shown.map((entry) => entry.text) });
    script.push({ line, text });
    previous = text.trim() === '' ? 'blank' : atBoundary && COMMENT.test(text) ? 'remark' : 'command';
  });
  if (shown.length > 0) flush({ line: shown[0]?.line ?? block.line, lines: shown.map((entry) => entry.text) });
  if (!isCommandComplete(script.map((entry) => entry.text).join('\n'))) problems.push(`line ${block.line}: the block ends inside a command (an open quote, parenthesis or here-document)`);
  if (output !== undefined) {
    if (hasCommands()) flush({ line: output.line + 1, lines: trimBlankEnds(output.lines) });
    else problems.push(`line ${output.line}: an output block follows a block whose last command already shows its output in comments`);
  }
  flush(undefined);
  return { steps, problems };
}

/** The steps of shell block `block`, with `output` the output block that follows it, if any. */
export function splitShellBlock(block: FencedBlock, output: FencedBlock | undefined): SplitBlock {
  if (block.lines.some((text) => PROMPT.test(text))) {
    const split = splitTranscript(block);
    if (output !== undefined) split.problems.push(`line ${output.line}: an output block follows a transcript ("$ " commands), whose outputs are inside it`);
    return split;
  }
  return splitCommands(block, output);
}
