/**
 * The policy service over cached configuration (`platform/cached-configs.ts` on a memory store): the
 * `managed` document is parsed once and each property's policy object computed once while the
 * document is unchanged, shared and frozen; a changed document is derived anew at once.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCacheInvalidation } from '../cache/cache-invalidation.ts';
import { defaultManagedConfig } from '../identity/default-user-schema.ts';
import { MANAGED_CONFIG_ID, schemaForType } from '../identity/schema-for-type.ts';
import { cachedConfigs } from '../platform/cached-configs.ts';
import { manualClock } from '../store/contract/manual-clock.ts';
import { openMemoryStore } from '../store/memory/open-memory-store.ts';
import { createPolicyService } from './policy-service.ts';

async function setUp() {
  const store = openMemoryStore();
  await store.configs.put(MANAGED_CONFIG_ID, defaultManagedConfig());
  const invalidation = createCacheInvalidation();
  const configs = cachedConfigs(store.configs, { clock: manualClock(), invalidation });
  return { store, invalidation, configs, policy: createPolicyService({ objects: store.managedObjects, configs }) };
}

describe('policy service over cached configuration', () => {
  it('parses the managed document once and shares each property\u2019s policy object, frozen', async () => {
    const { configs, policy } = await setUp();
    const schema = await schemaForType(configs, 'alpha_user');
    assert.equal(await schemaForType(configs, 'alpha_user'), schema, 'the parsed schema is shared');
    assert.ok(Object.isFrozen(schema.schema.properties));
    const password = await policy.propertyPolicies('alpha_user', 'password');
    assert.equal(await policy.propertyPolicies('alpha_user', '/password'), password);
    assert.ok(Object.isFrozen(password));
    const listed = (await policy.resourcePolicies('alpha_user')).properties.find((property) => property.name === 'password');
    assert.equal(listed, password, 'the resource listing carries the same objects');
    assert.deepEqual(await policy.propertyPolicies('alpha_user', 'nope'), {});
  });

  it('derives again at once from a changed document', async () => {
    const { store, invalidation, policy } = await setUp();
    const before = await policy.propertyPolicies('alpha_user', 'givenName');
    const changed = defaultManagedConfig();
    const alphaUser = changed.objects.find((object) => object.name === 'alpha_user');
    assert.ok(alphaUser !== undefined);
    alphaUser.schema.properties['givenName'] = { ...alphaUser.schema.properties['givenName'], policies: [{ policyId: 'minimum-length', params: { minLength: 3 } }] };
    await store.configs.put(MANAGED_CONFIG_ID, changed);
    invalidation.invalidate('config', MANAGED_CONFIG_ID);
    const after = await policy.propertyPolicies('alpha_user', 'givenName');
    assert.notEqual(after, before);
    assert.ok('policies' in after && after.policies.some((entry) => entry.policyId === 'minimum-length' && entry.params?.['minLength'] === 3), JSON.stringify(after));
  });

  it('validates against the cached rules as against fresh ones', async () => {
    const { policy } = await setUp();
    const user = { userName: 'bjensen', givenName: 'Babs', sn: 'Jensen', mail: 'bjensen@example.com', password: 'Secret123' };
    assert.deepEqual(await policy.validateObject('alpha_user', user), { result: true, failedPolicyRequirements: [] });
    const failed = await policy.validateObject('alpha_user', { ...user, password: 'short' });
    assert.equal(failed.result, false);
    assert.deepEqual(await policy.validateObject('alpha_user', user), { result: true, failedPolicyRequirements: [] }, 'nothing of a failed validation stays in the shared rules');
  });
});
