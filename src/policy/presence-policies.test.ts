import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { notEmptyPolicy, notNullPolicy, requiredPolicy, typeNameOf, validTypePolicy } from './presence-policies.ts';
import { runPolicy } from './testing/run-policy.ts';

describe('required', () => {
  it('fails with REQUIRED only when the value is absent; null passes', async () => {
    assert.deepStrictEqual(await runPolicy(requiredPolicy, undefined), [{ policyRequirement: 'REQUIRED' }]);
    assert.deepStrictEqual(await runPolicy(requiredPolicy, null), []);
    assert.deepStrictEqual(await runPolicy(requiredPolicy, ''), []);
  });
  it('is evaluated even for absent values', () => assert.equal(requiredPolicy.validateOnlyIfPresent, false));
});

describe('not-empty', () => {
  it('passes a non-empty string or array', async () => {
    assert.deepStrictEqual(await runPolicy(notEmptyPolicy, 'x'), []);
    assert.deepStrictEqual(await runPolicy(notEmptyPolicy, ['x']), []);
  });
  it('fails with REQUIRED for null, empty strings and arrays, and values without length', async () => {
    for (const value of [null, '', [], false, 3]) assert.deepStrictEqual(await runPolicy(notEmptyPolicy, value), [{ policyRequirement: 'REQUIRED' }]);
  });
  it('is skipped for absent values', () => assert.equal(notEmptyPolicy.validateOnlyIfPresent, true));
});

describe('not-null', () => {
  it('fails with REQUIRED for null only', async () => {
    assert.deepStrictEqual(await runPolicy(notNullPolicy, null), [{ policyRequirement: 'REQUIRED' }]);
    assert.deepStrictEqual(await runPolicy(notNullPolicy, ''), []);
    assert.deepStrictEqual(await runPolicy(notNullPolicy, 0), []);
  });
});

describe('valid-type', () => {
  it('names types as IDM does', () => {
    assert.deepStrictEqual([null, [], {}, 'a', 1, true].map(typeNameOf), ['null', 'array', 'object', 'string', 'number', 'boolean']);
  });
  it('passes a value of a declared type', async () => {
    assert.deepStrictEqual(await runPolicy(validTypePolicy, 'a', { types: ['string'] }), []);
    assert.deepStrictEqual(await runPolicy(validTypePolicy, null, { types: ['string', 'null'] }), []);
    assert.deepStrictEqual(await runPolicy(validTypePolicy, 4, { types: ['integer'] }), []);
    assert.deepStrictEqual(await runPolicy(validTypePolicy, { _ref: 'managed/user/1' }, { types: ['relationship'] }), []);
  });
  it('fails with VALID_TYPE {invalidType, validTypes}', async () => {
    assert.deepStrictEqual(await runPolicy(validTypePolicy, 12, { types: ['string'] }), [
      { policyRequirement: 'VALID_TYPE', params: { invalidType: 'number', validTypes: ['string'] } },
    ]);
    assert.deepStrictEqual(await runPolicy(validTypePolicy, null, { types: ['boolean'] }), [
      { policyRequirement: 'VALID_TYPE', params: { invalidType: 'null', validTypes: ['boolean'] } },
    ]);
    assert.deepStrictEqual(await runPolicy(validTypePolicy, 1.5, { types: ['integer'] }), [
      { policyRequirement: 'VALID_TYPE', params: { invalidType: 'number', validTypes: ['integer'] } },
    ]);
  });
});
