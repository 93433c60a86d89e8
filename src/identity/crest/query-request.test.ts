/** Query parameters: exactly one query, paging, total policy, sort keys, _queryId=query-all-ids. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isQueryFilterError } from '../query-filter/errors.ts';
import { isCrestError } from './errors.ts';
import { parseQueryRequest, parseSortKeys } from './query-request.ts';

function badRequest(pattern: RegExp): (error: unknown) => boolean {
  return (error) => isCrestError(error, 'BAD_REQUEST') && pattern.test(error.message);
}

describe('parseQueryRequest', () => {
  it('parses the filter, paging and fields', () => {
    const request = parseQueryRequest({ _queryFilter: 'userName sw "b"', _pageSize: '2', _pagedResultsOffset: '4', _totalPagedResultsPolicy: 'EXACT', _fields: 'userName' });
    assert.deepEqual(request.filter, { op: 'sw', field: ['userName'], value: 'b' });
    assert.equal(request.pageSize, 2);
    assert.equal(request.offset, 4);
    assert.equal(request.totalPagedResultsPolicy, 'EXACT');
    assert.deepEqual(request.fields.pointers, [['userName']]);
  });

  it('needs exactly one of _queryFilter and _queryId; only query-all-ids is predefined', () => {
    assert.throws(() => parseQueryRequest({}), badRequest(/exactly one/));
    assert.throws(() => parseQueryRequest({ _queryFilter: 'true', _queryId: 'query-all-ids' }), badRequest(/got _queryFilter and _queryId/));
    assert.throws(() => parseQueryRequest({ _queryId: 'for-userName' }), badRequest(/Unsupported _queryId "for-userName"/));
    assert.throws(() => parseQueryRequest({ _queryExpression: 'select' }), badRequest(/system objects/));
    const allIds = parseQueryRequest({ _queryId: 'query-all-ids', _fields: 'userName' });
    assert.deepEqual(allIds.filter, { op: 'true' });
    assert.equal(allIds.fields.defaults, false);
    assert.deepEqual(allIds.fields.pointers, []);
  });

  it('refuses bad paging: negative or non-numeric sizes, cookie with offset, offset without page size, ESTIMATE', () => {
    assert.throws(() => parseQueryRequest({ _queryFilter: 'true', _pageSize: '-1' }), badRequest(/_pageSize must be a non-negative integer/));
    assert.throws(() => parseQueryRequest({ _queryFilter: 'true', _pageSize: 'ten' }), badRequest(/_pageSize/));
    assert.throws(() => parseQueryRequest({ _queryFilter: 'true', _pageSize: '2', _pagedResultsOffset: '2', _pagedResultsCookie: 'abc' }), badRequest(/together/));
    assert.throws(() => parseQueryRequest({ _queryFilter: 'true', _pagedResultsOffset: '2' }), badRequest(/needs _pageSize/));
    assert.throws(() => parseQueryRequest({ _queryFilter: 'true', _totalPagedResultsPolicy: 'ESTIMATE' }), badRequest(/ESTIMATE is not supported/));
    assert.throws(() => parseQueryRequest({ _queryFilter: 'true', _totalPagedResultsPolicy: 'SOME' }), badRequest(/NONE or EXACT/));
  });

  it('passes the filter parser’s error with its position', () => {
    assert.throws(() => parseQueryRequest({ _queryFilter: 'userName eq' }), (error) => isQueryFilterError(error, 'INVALID_QUERY_FILTER') && /position \d+/.test(error.message));
  });
});

describe('parseSortKeys', () => {
  it('reads -, + and a + decoded to a space', () => {
    assert.deepEqual(parseSortKeys('sn,-givenName, mail,+/preferences/marketing'), [
      { field: ['sn'], descending: false },
      { field: ['givenName'], descending: true },
      { field: ['mail'], descending: false },
      { field: ['preferences', 'marketing'], descending: false },
    ]);
    assert.deepEqual(parseSortKeys(undefined), []);
  });
});
