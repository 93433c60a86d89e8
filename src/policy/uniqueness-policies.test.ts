import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runPolicy } from './testing/run-policy.ts';
import { noInternalUserConflictPolicy, uniquePolicy, validUsernamePolicy } from './uniqueness-policies.ts';

const holders: Record<string, string[]> = { bjensen: ['id-1'] };
const idsHolding = async (_property: string, value: string) => holders[value.toLowerCase()] ?? [];
const internalUserExists = async (name: string) => name === 'openidm-admin';

describe('unique', () => {
  it('passes a free value, and the object\'s own value on update', async () => {
    assert.deepStrictEqual(await runPolicy(uniquePolicy, 'scarter', {}, { property: 'userName', context: { idsHolding } }), []);
    assert.deepStrictEqual(await runPolicy(uniquePolicy, 'bjensen', {}, { property: 'userName', context: { idsHolding, objectId: 'id-1' } }), []);
  });
  it('fails with UNIQUE when another object holds the value', async () => {
    assert.deepStrictEqual(await runPolicy(uniquePolicy, 'BJensen', {}, { property: 'userName', context: { idsHolding } }), [{ policyRequirement: 'UNIQUE' }]);
    assert.deepStrictEqual(await runPolicy(uniquePolicy, 'bjensen', {}, { property: 'userName', context: { idsHolding, objectId: 'id-2' } }), [
      { policyRequirement: 'UNIQUE' },
    ]);
  });
  it('does not query for empty values', async () => {
    const failing = async () => assert.fail('no lookup expected');
    assert.deepStrictEqual(await runPolicy(uniquePolicy, '', {}, { context: { idsHolding: failing } }), []);
  });
});

describe('no-internal-user-conflict', () => {
  it('fails with UNIQUE for an internal user id only', async () => {
    assert.deepStrictEqual(await runPolicy(noInternalUserConflictPolicy, 'openidm-admin', {}, { context: { internalUserExists } }), [{ policyRequirement: 'UNIQUE' }]);
    assert.deepStrictEqual(await runPolicy(noInternalUserConflictPolicy, 'bjensen', {}, { context: { internalUserExists } }), []);
  });
});

describe('valid-username', () => {
  it('is unique plus no internal user conflict, reported once', async () => {
    const context = { idsHolding, internalUserExists };
    assert.deepStrictEqual(await runPolicy(validUsernamePolicy, 'scarter', {}, { property: 'userName', context }), []);
    assert.deepStrictEqual(await runPolicy(validUsernamePolicy, 'bjensen', {}, { property: 'userName', context }), [{ policyRequirement: 'UNIQUE' }]);
    assert.deepStrictEqual(await runPolicy(validUsernamePolicy, 'openidm-admin', {}, { property: 'userName', context }), [{ policyRequirement: 'UNIQUE' }]);
  });
});
