/**
 * Compares what a page shows as a command's output with what the command printed (standard output
 * and standard error, as a terminal shows them). Both are cut into items (`outputItems`): JSON
 * values compare structurally (`matchJson`), text lines by pattern (`expectedTextPattern`) after
 * runs of spaces and tabs are made one space; a documented `…` line matches any number of items.
 * The answer names the documented line where the outputs part.
 */
import { expectedTextPattern } from './expected-text-pattern.ts';
import { matchJson, shortJson, showLooseJson } from './match-json.ts';
import type { OutputItem } from './output-items.ts';
import { outputItems } from './output-items.ts';
import type { LooseJson } from './parse-loose-json.ts';
import { parseLooseJson } from './parse-loose-json.ts';

/** Where documented and actual output part. */
export interface OutputDifference {
  /** 1-based line in the documented output. */
  line: number;
  message: string;
}

type Expected = OutputItem<LooseJson>;
type Actual = OutputItem<unknown>;

const spaces = (text: string): string => text.replace(/[ \t]+/g, ' ').trim();

function describe(item: Actual | undefined): string {
  if (item === undefined) return 'the end of the output';
  if (item.kind === 'json') return shortJson(item.value);
  if (item.kind === 'gap') return '…';
  return JSON.stringify(item.text);
}

function compare(expected: Expected, actual: Actual | undefined): string | undefined {
  if (expected.kind === 'gap') return undefined;
  const shown = expected.kind === 'json' ? showLooseJson(expected.value) : JSON.stringify(expected.text);
  if (actual === undefined) return `expected ${shown}, but the output ends there`;
  if (expected.kind === 'json') {
    if (actual.kind !== 'json') return `expected JSON ${shown}, got ${describe(actual)}`;
    const difference = matchJson(expected.value, actual.value);
    return difference === undefined ? undefined : `${difference} (in ${describe(actual)})`;
  }
  if (actual.kind === 'text' && expectedTextPattern(spaces(expected.text)).test(spaces(actual.text))) return undefined;
  return `expected ${shown}, got ${describe(actual)}`;
}

/** The first difference between documented output `documented` and `actual`, or undefined when they match. */
export function matchOutput(documented: string, actual: string): OutputDifference | undefined {
  const expected = outputItems(documented, parseLooseJson, true);
  const got = outputItems(actual, (text): unknown => JSON.parse(text), false);
  let furthest: OutputDifference & { at: number } = { line: 1, message: '', at: -1 };
  const failed = new Set<string>();
  const match = (e: number, a: number): boolean => {
    const item = expected[e];
    if (item === undefined) {
      if (a >= got.length) return true;
      if (e > furthest.at) furthest = { at: e, line: (expected.at(-1)?.line ?? 0) + 1, message: `unexpected output after the documented output: ${describe(got[a])}` };
      return false;
    }
    if (failed.has(`${e},${a}`)) return false;
    let ok: boolean;
    if (item.kind === 'gap') ok = match(e + 1, a) || (a < got.length && match(e, a + 1));
    else {
      const difference = compare(item, got[a]);
      if (difference !== undefined && e > furthest.at) furthest = { at: e, line: item.line, message: difference };
      ok = difference === undefined && match(e + 1, a + 1);
    }
    if (!ok) failed.add(`${e},${a}`);
    return ok;
  };
  if (match(0, 0)) return undefined;
  return { line: furthest.line, message: furthest.message };
}
