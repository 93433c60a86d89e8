/** The SQL text of translated filters: the index expressions, bound values, LIKE escaping and prefix ranges. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DummyDriver, Kysely, PostgresAdapter, PostgresQueryCompiler, SqliteAdapter, SqliteQueryCompiler, type Dialect } from 'kysely';
import { parseQueryFilter } from '../../identity/query-filter/parse-query-filter.ts';
import { attributeExpressions } from './attribute-expression.ts';
import type { Database, SqlDialectName } from './database.ts';
import { escapeLike, prefixUpperBound, queryFilterSql } from './query-filter-sql.ts';

/** A Kysely that only compiles, in `dialect`. */
function compiler(dialect: SqlDialectName): Kysely<Database> {
  const postgres = dialect === 'postgres';
  const kysely: Dialect = {
    createAdapter: () => (postgres ? new PostgresAdapter() : new SqliteAdapter()),
    createDriver: () => new DummyDriver(),
    createQueryCompiler: () => (postgres ? new PostgresQueryCompiler() : new SqliteQueryCompiler()),
    createIntrospector: () => {
      throw new Error('not needed');
    },
  };
  return new Kysely<Database>({ dialect: kysely });
}

function compile(dialect: SqlDialectName, filter: string): { sql: string; parameters: readonly unknown[] } {
  return queryFilterSql(parseQueryFilter(filter), dialect, 'user').compile(compiler(dialect));
}

describe('queryFilterSql', () => {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    it(`compares a top-level string through the search index expression (${dialect})`, () => {
      const { sql, parameters } = compile(dialect, 'userName eq "Alice"');
      assert.ok(sql.includes(`${attributeExpressions[dialect].folded('userName')} = lower(`), sql);
      assert.ok(parameters.includes('Alice'));
    });

    it(`binds every value and keeps it out of the SQL text (${dialect})`, () => {
      const { sql, parameters } = compile(dialect, `a eq "x'); drop table t; --" or b co "%_" or c in '["y\\'z", 3]' or d lt 4.5`);
      for (const fragment of ['drop table', '%_', "y'z", '4.5']) assert.ok(!sql.includes(fragment), `${fragment} in ${sql}`);
      assert.ok(parameters.includes("x'); drop table t; --"));
      assert.ok(parameters.includes('%\\%\\_%'));
    });

    it(`quotes nested pointers segment by segment (${dialect})`, () => {
      const { sql } = compile(dialect, '/preferences/theme/color eq "dark"');
      const expected = dialect === 'sqlite' ? `json_extract(data, '$."preferences"."theme"."color"')` : `data -> 'preferences' -> 'theme' ->> 'color'`;
      assert.ok(sql.includes(expected), sql);
    });

    it(`restricts every filter to the type, a negation included (${dialect})`, () => {
      for (const filter of ['true', '!(a eq 1)', 'a pr or b eq 2', '_id eq "x"']) {
        const { parameters } = compile(dialect, filter);
        assert.ok(parameters.includes('user'), filter);
      }
    });
  }
});

describe('escapeLike', () => {
  it('escapes %, _ and the escape character, nothing else', () => {
    assert.equal(escapeLike('100%_sure\\x'), '100\\%\\_sure\\\\x');
    assert.equal(escapeLike('plain é'), 'plain é');
  });
});

describe('prefixUpperBound', () => {
  it('increments the last code point, dropping maximal ones, skipping surrogates', () => {
    assert.equal(prefixUpperBound('abc'), 'abd');
    assert.equal(prefixUpperBound('a\u{10ffff}'), 'b');
    assert.equal(prefixUpperBound('x\ud7ff'), 'x\ue000');
    assert.equal(prefixUpperBound('\u{10ffff}'), undefined);
    assert.equal(prefixUpperBound(''), undefined);
    assert.equal(prefixUpperBound('a😀'), 'a😁');
  });
});
