import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPolicyError } from './errors.ts';
import {
  atLeastXCapitalsPolicy,
  atLeastXNumbersPolicy,
  cannotContainCharactersPolicy,
  cannotContainDuplicatesPolicy,
  cannotContainOthersPolicy,
  maximumLengthPolicy,
  minimumLengthPolicy,
} from './string-policies.ts';
import { REQUIRED_FAILED, runPolicy } from './testing/run-policy.ts';

describe('minimum-length', () => {
  it('passes long enough values and absent optional ones', async () => {
    assert.deepStrictEqual(await runPolicy(minimumLengthPolicy, 'Passw0rd', { minLength: 8 }), []);
    assert.deepStrictEqual(await runPolicy(minimumLengthPolicy, '', { minLength: 8 }), []);
  });
  it('fails with MIN_LENGTH {minLength}', async () => {
    assert.deepStrictEqual(await runPolicy(minimumLengthPolicy, 'short', { minLength: 8 }), [{ policyRequirement: 'MIN_LENGTH', params: { minLength: 8 } }]);
    assert.deepStrictEqual(await runPolicy(minimumLengthPolicy, '', { minLength: 1 }, { earlierFailures: REQUIRED_FAILED }), [
      { policyRequirement: 'MIN_LENGTH', params: { minLength: 1 } },
    ]);
  });
  it('refuses missing params with INVALID_POLICY_PARAMS', async () => {
    await assert.rejects(async () => runPolicy(minimumLengthPolicy, 'x', {}), (error) => isPolicyError(error, 'INVALID_POLICY_PARAMS'));
  });
});

describe('maximum-length', () => {
  it('passes short values, fails long ones with MAX_LENGTH {maxLength}', async () => {
    assert.deepStrictEqual(await runPolicy(maximumLengthPolicy, 'abc', { maxLength: 3 }), []);
    assert.deepStrictEqual(await runPolicy(maximumLengthPolicy, 'abcd', { maxLength: 3 }), [{ policyRequirement: 'MAX_LENGTH', params: { maxLength: 3 } }]);
  });
});

describe('at-least-X-capitals', () => {
  it('counts ASCII capitals', async () => {
    assert.deepStrictEqual(await runPolicy(atLeastXCapitalsPolicy, 'AbC', { numCaps: 2 }), []);
    assert.deepStrictEqual(await runPolicy(atLeastXCapitalsPolicy, 'Ab(c)', { numCaps: 2 }), [
      { policyRequirement: 'AT_LEAST_X_CAPITAL_LETTERS', params: { numCaps: 2 } },
    ]);
  });
  it('fails an empty required value', async () => {
    assert.equal((await runPolicy(atLeastXCapitalsPolicy, '', { numCaps: 1 }, { earlierFailures: REQUIRED_FAILED })).length, 1);
  });
});

describe('at-least-X-numbers', () => {
  it('counts digits', async () => {
    assert.deepStrictEqual(await runPolicy(atLeastXNumbersPolicy, 'a1b2', { numNums: 2 }), []);
    assert.deepStrictEqual(await runPolicy(atLeastXNumbersPolicy, 'abc1', { numNums: 2 }), [{ policyRequirement: 'AT_LEAST_X_NUMBERS', params: { numNums: 2 } }]);
  });
});

describe('cannot-contain-characters', () => {
  it('passes clean values, fails with the forbidden characters joined', async () => {
    const params = { forbiddenChars: ['/', '*'] };
    assert.deepStrictEqual(await runPolicy(cannotContainCharactersPolicy, 'bjensen', params), []);
    assert.deepStrictEqual(await runPolicy(cannotContainCharactersPolicy, 'b/jensen', params), [
      { policyRequirement: 'CANNOT_CONTAIN_CHARACTERS', params: { forbiddenChars: '/, *' } },
    ]);
  });
});

describe('cannot-contain-others', () => {
  const params = { disallowedFields: ['userName', 'givenName', 'sn'] };
  const fields: Record<string, unknown> = { userName: 'bjensen', givenName: 'Babs', sn: '' };
  const context = { field: async (name: string) => fields[name] };
  it('passes a value that contains no other field (empty fields ignored)', async () => {
    assert.deepStrictEqual(await runPolicy(cannotContainOthersPolicy, 'Secret123', params, { context }), []);
  });
  it('fails with CANNOT_CONTAIN_OTHERS naming the first offending field, case-sensitively', async () => {
    assert.deepStrictEqual(await runPolicy(cannotContainOthersPolicy, 'xBabsbjensen1', params, { context }), [
      { policyRequirement: 'CANNOT_CONTAIN_OTHERS', params: { disallowedFields: 'userName' } },
    ]);
    assert.deepStrictEqual(await runPolicy(cannotContainOthersPolicy, 'BJENSEN1', params, { context }), []);
  });
  it('accepts the legacy comma-separated form', async () => {
    assert.equal((await runPolicy(cannotContainOthersPolicy, 'Babs1', { disallowedFields: 'userName,givenName' }, { context })).length, 1);
  });
});

describe('cannot-contain-duplicates', () => {
  it('passes distinct items, fails with the first repeated value', async () => {
    assert.deepStrictEqual(await runPolicy(cannotContainDuplicatesPolicy, ['a', 'b'], {}), []);
    assert.deepStrictEqual(await runPolicy(cannotContainDuplicatesPolicy, ['a', 'b', 'a'], {}), [
      { policyRequirement: 'CANNOT_CONTAIN_DUPLICATES', params: { duplicateValue: 'a' } },
    ]);
    assert.equal((await runPolicy(cannotContainDuplicatesPolicy, [{ x: 1 }, { x: 1 }], {})).length, 1);
    assert.deepStrictEqual(await runPolicy(cannotContainDuplicatesPolicy, [{ x: 1 }, { x: 2 }], {}), []);
  });
});
