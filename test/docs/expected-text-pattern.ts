/**
 * The pattern a piece of documented output stands for. The page's text is taken literally, except
 * for what the docs say differs on every machine:
 *
 * - `…` stands for any text (including none);
 * - a UUID stands for any UUID (ids);
 * - an ISO timestamp (`2026-11-22T12:37:39.556Z`) for any ISO timestamp, a date (`2026-11-22`)
 *   for any date;
 * - a token (16 or more base64url characters, at least one a digit and one a letter:
 *   `tokenId`, `sessionUid`, `suspendedId`, `authId` parts, paging cookies) for any token of 16 or
 *   more base64url characters.
 */

const VOLATILE: { pattern: string; stands: string }[] = [
  { pattern: '…', stands: '[\\s\\S]*' },
  { pattern: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', stands: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}' },
  { pattern: '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?Z', stands: '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?Z' },
  { pattern: '(?<!\\d)\\d{4}-\\d{2}-\\d{2}(?!\\d)', stands: '\\d{4}-\\d{2}-\\d{2}' },
  {
    pattern: '(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*\\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{16,}(?![A-Za-z0-9_-])',
    stands: '[A-Za-z0-9_-]{16,}',
  },
];

const SCANNER = new RegExp(VOLATILE.map((entry) => `(${entry.pattern})`).join('|'), 'g');

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A regular expression matching the whole of any output that `expected` documents. */
export function expectedTextPattern(expected: string): RegExp {
  let source = '';
  let last = 0;
  for (const match of expected.matchAll(SCANNER)) {
    const index = match.slice(1).findIndex((group) => group !== undefined);
    source += escape(expected.slice(last, match.index)) + (VOLATILE[index]?.stands ?? escape(match[0]));
    last = match.index + match[0].length;
  }
  return new RegExp(`^${source}${escape(expected.slice(last))}$`, 'u');
}
