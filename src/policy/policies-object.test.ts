import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { openMemoryStore } from '../store/memory/open-memory-store.ts';
import { createPolicyService } from './policy-service.ts';

// The `policies` outputs of the seed's Registration step (protocol/registration-first-step.json),
// keyed by property; the default schema must reproduce them byte for byte.
const golden: Record<string, unknown> = JSON.parse(readFileSync(new URL('./testing/registration-first-step-policies.json', import.meta.url), 'utf8'));

describe('property policy objects of the default user schema', () => {
  const store = openMemoryStore();
  const service = createPolicyService({ objects: store.managedObjects, configs: store.configs });

  for (const property of ['userName', 'givenName', 'sn', 'mail', 'preferences/marketing', 'preferences/updates', 'password']) {
    for (const type of ['user', 'alpha_user']) {
      it(`matches the Registration step for ${property} (${type})`, async () => {
        const actual = await service.propertyPolicies(type, property);
        assert.deepStrictEqual(actual, golden[property]);
        assert.equal(JSON.stringify(actual), JSON.stringify(golden[property]));
      });
    }
  }

  it('answers {} for an unknown property, and a top-level one by its type', async () => {
    assert.deepStrictEqual(await service.propertyPolicies('alpha_user', 'noSuchProperty'), {});
    const preferences = await service.propertyPolicies('alpha_user', '/preferences');
    assert.deepStrictEqual(preferences.policyRequirements, ['VALID_TYPE']);
  });

  it('lists every property with policies as IDM\'s policy endpoint does', async () => {
    const resource = await service.resourcePolicies('user');
    assert.equal(resource.resource, 'managed/user/*');
    const names = resource.properties.map((property) => property.name);
    assert.deepStrictEqual(names.slice(0, 7), ['_id', 'userName', 'password', 'givenName', 'sn', 'cn', 'mail']);
    assert.ok(!names.includes('preferences/marketing'));
    const id = resource.properties[0];
    assert.deepStrictEqual(id?.policyRequirements, ['VALID_TYPE', 'CANNOT_CONTAIN_CHARACTERS']);
  });
});
