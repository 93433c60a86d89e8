import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskPhoneNumber } from './mask-phone-number.ts';

describe('maskPhoneNumber', () => {
  it('shows only the last two digits', () => {
    assert.equal(maskPhoneNumber('+32 470 12 34 56'), '*********56');
    assert.equal(maskPhoneNumber('123'), '***');
  });
});
