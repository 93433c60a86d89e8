/** The fields a filter reads and the searchable rule. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isQueryFilterError } from './errors.ts';
import { assertSearchable, fieldsOf } from './filter-fields.ts';
import { parseQueryFilter } from './parse-query-filter.ts';

describe('fieldsOf', () => {
  it('lists distinct top-level fields in order of appearance', () => {
    const filter = parseQueryFilter('mail eq "x" and (/preferences/marketing eq true or !(mail pr)) or _id in \'["a"]\' or true');
    assert.deepEqual(fieldsOf(filter), ['mail', 'preferences', '_id']);
    assert.deepEqual(fieldsOf(parseQueryFilter('true and false')), []);
  });
});

describe('assertSearchable', () => {
  const searchable = new Set(['userName', 'mail']);

  it('accepts searchable fields, _id, true and false', () => {
    assert.doesNotThrow(() => assertSearchable(parseQueryFilter('userName eq "a" or _id eq "b" or !(mail pr) or true'), searchable));
  });

  it('names the first field that is not searchable', () => {
    assert.throws(
      () => assertSearchable(parseQueryFilter('userName eq "a" and description co "x" and sn pr'), searchable),
      (e: unknown) =>
        isQueryFilterError(e, 'QUERY_FIELD_NOT_SEARCHABLE') &&
        e.field === 'description' &&
        e.message === "Field 'description' is not searchable; mark it searchable in the managed object schema to query it",
    );
  });
});
