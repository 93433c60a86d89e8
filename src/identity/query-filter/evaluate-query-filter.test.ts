/** The shared query-filter table against the in-memory evaluator (the SQL stores run it too). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { INVALID_QUERY_FILTER_ROWS, QUERY_FILTER_OBJECTS, VALID_QUERY_FILTER_ROWS } from '../../store/contract/query-filter-table.ts';
import { isQueryFilterError } from './errors.ts';
import { matchesQueryFilter, valueAtPath } from './evaluate-query-filter.ts';
import { parseQueryFilter } from './parse-query-filter.ts';

const objects = QUERY_FILTER_OBJECTS.map(({ id, data }) => ({ _id: id, ...data }));

describe('matchesQueryFilter: the query-filter table', () => {
  for (const { filter, expectedIds } of VALID_QUERY_FILTER_ROWS) {
    it(`${filter.length > 100 ? `${filter.slice(0, 100)}…` : filter} → [${expectedIds.join(', ')}]`, () => {
      const parsed = parseQueryFilter(filter);
      assert.deepEqual(objects.filter((object) => matchesQueryFilter(parsed, object)).map((object) => object._id), expectedIds);
    });
  }

  for (const { filter, error } of INVALID_QUERY_FILTER_ROWS) {
    it(`rejects ${JSON.stringify(filter.length > 60 ? `${filter.slice(0, 60)}…` : filter)}`, () => {
      assert.throws(
        () => parseQueryFilter(filter),
        (e: unknown) => {
          assert.ok(isQueryFilterError(e, 'INVALID_QUERY_FILTER'), String(e));
          assert.match(e.message, error);
          assert.equal(String(e.position), /at position (\d+):/.exec(e.message)?.[1]);
          return true;
        },
      );
    });
  }
});

describe('matchesQueryFilter semantics', () => {
  it('negates the whole sub-filter: a missing field makes eq false and !eq true', () => {
    const filter = parseQueryFilter('!(mail eq "x")');
    assert.equal(matchesQueryFilter(filter, {}), true);
    assert.equal(matchesQueryFilter(filter, { mail: 'X' }), false);
  });

  it('compares _id exactly, other strings case-insensitively', () => {
    assert.equal(matchesQueryFilter(parseQueryFilter('_id eq "ABC"'), { _id: 'abc' }), false);
    assert.equal(matchesQueryFilter(parseQueryFilter('id eq "ABC"'), { id: 'abc' }), true);
  });

  it('reads nested values through objects only', () => {
    assert.equal(valueAtPath({ a: { b: { c: 1 } } }, ['a', 'b', 'c']), 1);
    assert.equal(valueAtPath({ a: [{ b: 1 }] }, ['a', 'b']), undefined);
    assert.equal(valueAtPath({ a: ['x'] }, ['a', '0']), undefined);
    assert.equal(valueAtPath(Object.create({ inherited: 1 }) as Record<string, unknown>, ['inherited']), undefined);
  });

  it('never matches null with an ordering, co or sw operator', () => {
    for (const op of ['co', 'sw', 'lt', 'le', 'gt', 'ge']) {
      assert.equal(matchesQueryFilter(parseQueryFilter(`a ${op} null`), {}), false, op);
      assert.equal(matchesQueryFilter(parseQueryFilter(`a ${op} null`), { a: null }), false, op);
    }
  });
});
