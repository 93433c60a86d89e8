/**
 * The CREST `_queryFilter` parser: text → QueryFilter AST. Precedence `or` < `and` < `!`;
 * keywords and operators are case-sensitive as in CREST; IDM's `in` takes a quoted JSON array.
 */
import { hasNul } from '../../json/nul-characters.ts';
import { isUnsafeKey } from '../../json/unsafe-keys.ts';
import { invalidQueryFilter } from './errors.ts';
import type { ComparisonOperator, FieldPath, FilterValue, QueryFilter } from './query-filter.ts';
import { describeToken, tokenizeQueryFilter, type QueryFilterToken } from './tokenize-query-filter.ts';

export { formatQueryFilter } from './format-query-filter.ts';

/** Longest accepted filter text, in UTF-8 bytes. */
export const MAX_QUERY_FILTER_BYTES = 8192;
/** Deepest accepted nesting of parentheses and `!`. */
export const MAX_QUERY_FILTER_DEPTH = 64;

const COMPARISONS: ReadonlySet<string> = new Set<ComparisonOperator>(['eq', 'co', 'sw', 'lt', 'le', 'gt', 'ge']);
const SUPPORTED = 'eq, co, sw, lt, le, gt, ge, in, pr';
const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;
/** What CREST accepts as an extended operator name: any other run of visible ASCII. */
const EXTENDED_OPERATOR = /^[\x21-\x7e]+$/;

/** Parses a pointer word (`userName`, `/userName`, `/preferences/marketing`) into its segments. */
function parsePointer(token: Extract<QueryFilterToken, { kind: 'word' }>): FieldPath {
  const bracket = token.text.indexOf('[');
  if (bracket >= 0) throw invalidQueryFilter(token.start + bracket, 'array element filters ("[…]") are not supported');
  const body = token.text.startsWith('/') ? token.text.slice(1) : token.text;
  const segments = body.split('/');
  return segments.map((segment) => {
    if (segment === '') throw invalidQueryFilter(token.start, `expected a field pointer, found ${describeToken(token)} (empty segment)`);
    if (/~(?![01])/.test(segment)) throw invalidQueryFilter(token.start, `invalid "~" escape in the field pointer ${describeToken(token)}`);
    const name = segment.replaceAll('~1', '/').replaceAll('~0', '~');
    if (isUnsafeKey(name)) throw invalidQueryFilter(token.start, `the field pointer ${describeToken(token)} has the segment "${name}", which names no field (__proto__, constructor and prototype are not allowed)`);
    return name;
  });
}

/** A recursive-descent parser over the tokens of one filter. */
function parser(tokens: QueryFilterToken[]) {
  let index = 0;
  const peek = (): QueryFilterToken => tokens[index] as QueryFilterToken;
  const next = (): QueryFilterToken => tokens[index++] as QueryFilterToken;
  const isWord = (token: QueryFilterToken, text: string): boolean => token.kind === 'word' && token.text === text;

  function deeper(depth: number, token: QueryFilterToken): number {
    if (depth >= MAX_QUERY_FILTER_DEPTH) throw invalidQueryFilter(token.start, `filter nested deeper than ${MAX_QUERY_FILTER_DEPTH} levels`);
    return depth + 1;
  }

  function orExpr(depth: number, after: string | undefined): QueryFilter {
    const filters = [andExpr(depth, after)];
    while (isWord(peek(), 'or')) {
      next();
      filters.push(andExpr(depth, '"or"'));
    }
    return filters.length === 1 ? (filters[0] as QueryFilter) : { op: 'or', filters };
  }

  function andExpr(depth: number, after: string | undefined): QueryFilter {
    const filters = [notExpr(depth, after)];
    while (isWord(peek(), 'and')) {
      next();
      filters.push(notExpr(depth, '"and"'));
    }
    return filters.length === 1 ? (filters[0] as QueryFilter) : { op: 'and', filters };
  }

  function notExpr(depth: number, after: string | undefined): QueryFilter {
    const token = peek();
    if (token.kind !== '!') return primary(depth, after);
    next();
    return { op: 'not', filter: notExpr(deeper(depth, token), '"!"') };
  }

  function primary(depth: number, after: string | undefined): QueryFilter {
    const token = next();
    if (token.kind === '(') {
      const inner = orExpr(deeper(depth, token), '"("');
      const close = next();
      if (close.kind === ')') return inner;
      if (close.kind === 'end') throw invalidQueryFilter(close.start, `expected ")" to close the "(" at position ${token.start}`);
      throw invalidQueryFilter(close.start, `expected "and", "or" or ")", found ${describeToken(close)}`);
    }
    if (token.kind === 'word' && (token.text === 'true' || token.text === 'false')) return { op: token.text };
    if (token.kind !== 'word' || token.text === 'and' || token.text === 'or') {
      const where = after === undefined ? '' : ` after ${after}`;
      const found = token.kind === 'end' ? '' : `, found ${describeToken(token)}`;
      throw invalidQueryFilter(token.start, `expected a filter${where}${found}`);
    }
    return comparison(token);
  }

  function comparison(pointer: Extract<QueryFilterToken, { kind: 'word' }>): QueryFilter {
    const field = parsePointer(pointer);
    const operator = next();
    if (operator.kind !== 'word') {
      const found = operator.kind === 'end' ? '' : `, found ${describeToken(operator)}`;
      throw invalidQueryFilter(operator.start, `expected an operator after ${describeToken(pointer)}${found}`);
    }
    const op = operator.text;
    if (op === 'pr') return { op: 'pr', field };
    if (op === 'in') return { op: 'in', field, values: inValues(operator) };
    if (COMPARISONS.has(op)) return { op: op as ComparisonOperator, field, value: value(operator) };
    if (EXTENDED_OPERATOR.test(op)) throw invalidQueryFilter(operator.start, `unsupported operator "${op}" (supported: ${SUPPORTED})`);
    throw invalidQueryFilter(operator.start, `expected an operator after ${describeToken(pointer)}, found ${describeToken(operator)}`);
  }

  function value(operator: Extract<QueryFilterToken, { kind: 'word' }>): FilterValue {
    const token = next();
    if (token.kind === 'string') return token.value;
    if (token.kind === 'word') {
      if (token.text === 'true') return true;
      if (token.text === 'false') return false;
      if (token.text === 'null') return null;
      if (NUMBER.test(token.text)) {
        const number = Number(token.text);
        if (!Number.isFinite(number)) throw invalidQueryFilter(token.start, `number ${token.text} is out of range`);
        return number;
      }
    }
    const found = token.kind === 'end' ? '' : `, found ${describeToken(token)} (strings must be quoted)`;
    throw invalidQueryFilter(token.start, `expected a value after "${operator.text}"${found}`);
  }

  function inValues(operator: Extract<QueryFilterToken, { kind: 'word' }>): (string | number | boolean)[] {
    const token = next();
    if (token.kind !== 'string') {
      const found = token.kind === 'end' ? '' : `, found ${describeToken(token)}`;
      throw invalidQueryFilter(token.start, `expected a quoted JSON array after "${operator.text}"${found}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(token.value);
    } catch {
      throw invalidQueryFilter(token.start, `expected a quoted JSON array after "in", found invalid JSON ${describeToken(token)}`);
    }
    const scalar = (v: unknown): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v);
    if (!Array.isArray(parsed) || !parsed.every(scalar)) {
      throw invalidQueryFilter(token.start, `expected a JSON array of strings, numbers or booleans after "in", found ${describeToken(token)}`);
    }
    return parsed;
  }

  return {
    parse(): QueryFilter {
      const filter = orExpr(0, undefined);
      const rest = next();
      if (rest.kind !== 'end') throw invalidQueryFilter(rest.start, `expected "and", "or" or end of input, found ${describeToken(rest)}`);
      return filter;
    },
  };
}

/** Parses `_queryFilter` text; throws INVALID_QUERY_FILTER naming the position and what was expected. */
export function parseQueryFilter(text: string): QueryFilter {
  if (Buffer.byteLength(text, 'utf8') > MAX_QUERY_FILTER_BYTES) {
    throw invalidQueryFilter(0, `the filter is longer than ${MAX_QUERY_FILTER_BYTES} bytes`);
  }
  const tokens = tokenizeQueryFilter(text);
  // No stored value holds U+0000 (PostgreSQL cannot store it): a filter with one, raw or escaped, is refused.
  const nul = tokens.find((token) => (token.kind === 'string' && hasNul(token.value)) || (token.kind === 'word' && hasNul(token.text)));
  if (nul !== undefined) throw invalidQueryFilter(nul.start, 'U+0000 (NUL) is not allowed in a filter');
  return parser(tokens).parse();
}
