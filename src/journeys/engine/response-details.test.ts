import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detailValue, FAILURE_DETAILS_KEY, failureDetailsOf, SUCCESS_DETAILS_KEY, successDetailsOf } from './response-details.ts';

describe('response details', () => {
  it('turns a configured text into JSON when it is JSON, as AM formats detail values', () => {
    assert.deepEqual(
      ['true', '42', '{"a":[1]}', '[1,2]', 'plain text', '', 'null', ' {"spaced":true} '].map(detailValue),
      [true, 42, { a: [1] }, [1, 2], 'plain text', '', 'null', { spaced: true }],
    );
  });

  it('never lets success details replace tokenId, successUrl or realm, nor read inherited fields', () => {
    const stored = Object.assign(Object.create({ inherited: 1 }) as Record<string, unknown>, { tokenId: 'x', successUrl: 'y', realm: 'z', kept: 'k' });
    assert.deepEqual(successDetailsOf({ [SUCCESS_DETAILS_KEY]: stored }), { kept: 'k' });
    assert.deepEqual(successDetailsOf({ [SUCCESS_DETAILS_KEY]: ['not', 'an', 'object'] }), {});
    assert.deepEqual(successDetailsOf({}), {});
  });

  it('reads the failure message and details, never a failureUrl detail', () => {
    assert.deepEqual(failureDetailsOf({ [FAILURE_DETAILS_KEY]: { message: 'Locked', details: { failureUrl: 'https://evil.example.net/', Reason: 'r' } } }), { message: 'Locked', details: { Reason: 'r' } });
    assert.deepEqual(failureDetailsOf({ [FAILURE_DETAILS_KEY]: { message: '', details: {} } }), { details: {} });
    assert.deepEqual(failureDetailsOf({ [FAILURE_DETAILS_KEY]: 'garbage' }), { details: {} });
  });
});
