/** The CREST `_queryFilter` parser: AST shapes, precedence, literals, limits and the canonical text. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VALID_QUERY_FILTER_ROWS } from '../../store/contract/query-filter-table.ts';
import { isQueryFilterError } from './errors.ts';
import { formatQueryFilter, parseQueryFilter } from './parse-query-filter.ts';
import type { QueryFilter } from './query-filter.ts';

describe('parseQueryFilter', () => {
  it('parses comparisons with or without the leading slash, nested pointers and escaped segments', () => {
    assert.deepEqual(parseQueryFilter('userName eq "bjensen"'), { op: 'eq', field: ['userName'], value: 'bjensen' });
    assert.deepEqual(parseQueryFilter('/userName eq "bjensen"'), { op: 'eq', field: ['userName'], value: 'bjensen' });
    assert.deepEqual(parseQueryFilter('/preferences/marketing eq true'), { op: 'eq', field: ['preferences', 'marketing'], value: true });
    assert.deepEqual(parseQueryFilter('/a~1b/c~0d pr'), { op: 'pr', field: ['a/b', 'c~d'] });
  });

  it('reads JSON literals: strings with escapes, single-quoted strings, numbers, booleans, null', () => {
    const value = (text: string): unknown => (parseQueryFilter(`a eq ${text}`) as { value: unknown }).value;
    assert.equal(value('"tab\\there \\"q\\" \\u00e9\\/"'), 'tab\there "q" é/');
    assert.equal(value("'it\\'s'"), "it's");
    assert.equal(value('"with (parens) and \'quotes\'"'), "with (parens) and 'quotes'");
    assert.deepEqual([value('0'), value('-12'), value('3.25'), value('-1.5e3'), value('2E-2')], [0, -12, 3.25, -1500, 0.02]);
    assert.deepEqual([value('true'), value('false'), value('null')], [true, false, null]);
  });

  it('binds ! tighter than and, and and tighter than or', () => {
    const a: QueryFilter = { op: 'pr', field: ['a'] };
    const b: QueryFilter = { op: 'pr', field: ['b'] };
    const c: QueryFilter = { op: 'pr', field: ['c'] };
    assert.deepEqual(parseQueryFilter('a pr or b pr and c pr'), { op: 'or', filters: [a, { op: 'and', filters: [b, c] }] });
    assert.deepEqual(parseQueryFilter('!a pr and b pr'), { op: 'and', filters: [{ op: 'not', filter: a }, b] });
    assert.deepEqual(parseQueryFilter('(a pr or b pr) and c pr'), { op: 'and', filters: [{ op: 'or', filters: [a, b] }, c] });
    assert.deepEqual(parseQueryFilter('a pr and b pr and c pr'), { op: 'and', filters: [a, b, c] });
    assert.deepEqual(parseQueryFilter('true or false'), { op: 'or', filters: [{ op: 'true' }, { op: 'false' }] });
  });

  it("parses IDM's in with a JSON array in single or double quotes", () => {
    assert.deepEqual(parseQueryFilter('/userName in \'["a","b"]\''), { op: 'in', field: ['userName'], values: ['a', 'b'] });
    assert.deepEqual(parseQueryFilter('n in "[1, true, \\"x\\"]"'), { op: 'in', field: ['n'], values: [1, true, 'x'] });
  });

  it('accepts the limits exactly: 8192 bytes and 64 levels', () => {
    const padded = `a eq "${'x'.repeat(8192 - 7)}"`;
    assert.equal(Buffer.byteLength(padded), 8192);
    assert.doesNotThrow(() => parseQueryFilter(padded));
    assert.throws(() => parseQueryFilter(`a eq "${'é'.repeat(4093)}"`), /longer than 8192 bytes/);
    assert.doesNotThrow(() => parseQueryFilter(`${'!'.repeat(64)}true`));
  });

  it('refuses pointer segments that name the prototype, escaped or not', () => {
    for (const [filter, position] of [['__proto__ pr', 0], ['a eq 1 or /x/constructor eq "y"', 10], ['prototype eq 1', 0], ['/a/__proto__ pr', 0]] as const) {
      assert.throws(() => parseQueryFilter(filter), (error) => isQueryFilterError(error, 'INVALID_QUERY_FILTER') && error.position === position && /names no field/.test(error.message), filter);
    }
    assert.doesNotThrow(() => parseQueryFilter('toString eq "x" and proto pr and __proto pr'));
  });
});

describe('formatQueryFilter', () => {
  it('writes the canonical text', () => {
    assert.equal(formatQueryFilter(parseQueryFilter("userName eq 'x' and !b pr or c in '[1,\"it\\'s\"]'")), '(/userName eq "x" and !(/b pr)) or /c in \'[1,"it\\\'s"]\'');
    assert.equal(formatQueryFilter(parseQueryFilter('(a pr or b pr) and c gt -1.5')), '(/a pr or /b pr) and /c gt -1.5');
  });

  it('parses back to the same AST for every row of the table', () => {
    for (const { filter } of VALID_QUERY_FILTER_ROWS) {
      const parsed = parseQueryFilter(filter);
      assert.deepEqual(parseQueryFilter(formatQueryFilter(parsed)), parsed, filter);
    }
  });
});
