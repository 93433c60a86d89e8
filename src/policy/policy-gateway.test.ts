import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isIdentityError } from '../identity/errors.ts';
import { openMemoryStore } from '../store/memory/open-memory-store.ts';
import { createPolicyGateway } from './policy-gateway.ts';
import { createPolicyService } from './policy-service.ts';

describe('policy gateway', () => {
  const store = openMemoryStore();
  const gateway = createPolicyGateway(createPolicyService({ objects: store.managedObjects, configs: store.configs }));

  it('answers property policies by identity resource', async () => {
    const policies = await gateway.propertyPolicies('managed/alpha_user', 'mail');
    assert.deepStrictEqual(policies.policyRequirements, ['REQUIRED', 'VALID_TYPE', 'VALID_EMAIL_ADDRESS_FORMAT', 'UNIQUE']);
    assert.deepStrictEqual(await gateway.propertyPolicies('managed/alpha_user', 'preferences/updates'), {});
  });

  it('groups the failed requirements per property', async () => {
    const failures = await gateway.validateProperties('managed/user', { password: 'abc', mail: 'nope' }, { fullObject: {} });
    assert.deepStrictEqual(failures, [
      {
        property: 'password',
        failures: [
          { policyRequirement: 'MIN_LENGTH', params: { minLength: 8 } },
          { policyRequirement: 'AT_LEAST_X_CAPITAL_LETTERS', params: { numCaps: 1 } },
          { policyRequirement: 'AT_LEAST_X_NUMBERS', params: { numNums: 1 } },
        ],
      },
      { property: 'mail', failures: [{ policyRequirement: 'VALID_EMAIL_ADDRESS_FORMAT' }] },
    ]);
    assert.deepStrictEqual(await gateway.validateProperties('managed/user', { password: 'Secret123' }, { fullObject: {}, objectId: 'x' }), []);
  });

  it('rejects identity resources other than managed/<type>', async () => {
    await assert.rejects(gateway.propertyPolicies('internal/user', 'userName'), (error) => isIdentityError(error, 'UNSUPPORTED_IDENTITY_RESOURCE'));
    await assert.rejects(gateway.validateProperties('managed/a/b', {}, { fullObject: {} }), (error) => isIdentityError(error, 'UNSUPPORTED_IDENTITY_RESOURCE'));
  });
});
