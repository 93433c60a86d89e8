/**
 * The lexer of `_queryFilter`: parentheses, `!`, quoted strings (double-quoted with JSON escapes,
 * or single-quoted as IDM also accepts) and words (pointers, operators, keywords, numbers).
 */
import { invalidQueryFilter } from './errors.ts';

/** One token with the zero-based offset where it starts. */
export type QueryFilterToken =
  | { kind: '(' | ')' | '!' | 'end'; start: number }
  | { kind: 'word'; start: number; text: string }
  | { kind: 'string'; start: number; value: string; raw: string };

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
/** Characters that end a word. */
const WORD_END = new Set([...WHITESPACE, '(', ')', '"', "'"]);
const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', "'": "'", '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Reads the string whose opening quote is at `start`; returns its value and the offset after it. */
function readString(text: string, start: number): { value: string; end: number } {
  const quote = text[start];
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === quote) return { value, end: i + 1 };
    if (ch !== '\\') {
      value += ch;
      i += 1;
      continue;
    }
    const next = text[i + 1];
    if (next === undefined) break;
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      value += simple;
      i += 2;
    } else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
      value += String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16));
      i += 6;
    } else {
      throw invalidQueryFilter(i, `invalid escape sequence "\\${next}" in a string`);
    }
  }
  throw invalidQueryFilter(start, `unterminated string (no closing ${quote})`);
}

/** Splits filter text into tokens, ending with an `end` token; throws INVALID_QUERY_FILTER for a bad string. */
export function tokenizeQueryFilter(text: string): QueryFilterToken[] {
  const tokens: QueryFilterToken[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (WHITESPACE.has(ch)) {
      i += 1;
    } else if (ch === '(' || ch === ')' || ch === '!') {
      tokens.push({ kind: ch, start: i });
      i += 1;
    } else if (ch === '"' || ch === "'") {
      const { value, end } = readString(text, i);
      tokens.push({ kind: 'string', start: i, value, raw: text.slice(i, end) });
      i = end;
    } else {
      let end = i + 1;
      while (end < text.length && !WORD_END.has(text[end] as string)) end += 1;
      tokens.push({ kind: 'word', start: i, text: text.slice(i, end) });
      i = end;
    }
  }
  tokens.push({ kind: 'end', start: text.length });
  return tokens;
}

/** How a token reads in an error message: `"eq"`, `")"`, `end of input`. */
export function describeToken(token: QueryFilterToken): string {
  switch (token.kind) {
    case 'end':
      return 'end of input';
    case 'word':
      return JSON.stringify(token.text.length > 40 ? `${token.text.slice(0, 40)}…` : token.text);
    case 'string':
      return `the string ${token.raw.length > 40 ? `${token.raw.slice(0, 40)}…` : token.raw}`;
    default:
      return `"${token.kind}"`;
  }
}
