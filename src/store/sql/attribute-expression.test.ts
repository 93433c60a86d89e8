/** The attribute expressions: the exact SQL that search indexes and lookups share. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isStoreError } from '../errors.ts';
import { assertAttributeName, attributeExpressions } from './attribute-expression.ts';

describe('attributeExpressions', () => {
  it('folds a top-level attribute the way each dialect indexes it', () => {
    assert.equal(attributeExpressions.sqlite.folded('userName'), `lower(json_extract(data, '$."userName"'))`);
    assert.equal(attributeExpressions.postgres.folded('userName'), `lower(data ->> 'userName')`);
  });

  it('refuses names that are not plain identifiers, on both dialects', () => {
    for (const name of ['', 'a b', "a'b", 'a"b', 'a.b', '9a', 'ä']) {
      assert.throws(() => assertAttributeName(name), (e: unknown) => isStoreError(e, 'INVALID_ATTRIBUTE'), name);
      assert.throws(() => attributeExpressions.sqlite.equals(name, 'x'), (e: unknown) => isStoreError(e, 'INVALID_ATTRIBUTE'));
      assert.throws(() => attributeExpressions.postgres.folded(name), (e: unknown) => isStoreError(e, 'INVALID_ATTRIBUTE'));
    }
    assert.doesNotThrow(() => assertAttributeName('_private9'));
  });
});
