import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultManagedConfig } from '../identity/default-user-schema.ts';
import type { ManagedConfig } from '../identity/managed-schema.ts';
import { createPasswordHasher } from '../identity/password-hasher.ts';
import { FAST_ARGON2 } from '../identity/testing/identity-fixture.ts';
import { openMemoryStore } from '../store/memory/open-memory-store.ts';
import { configsWith } from '../store/memory/testing/configs-with.ts';
import { isPolicyError } from './errors.ts';
import { createPolicyService } from './policy-service.ts';

const valid = { userName: 'bjensen', givenName: 'Babs', sn: 'Jensen', mail: 'bjensen@example.com', password: 'Secret123' };

async function setup(initialConfig: Record<string, unknown> = {}) {
  const store = openMemoryStore();
  const objects = store.managedObjects;
  const configs = await configsWith(initialConfig, store);
  const { password: _password, ...stored } = valid;
  await objects.create('alpha_user', 'id-1', { ...stored, password: '$argon2id$hash' }, {});
  return { objects, service: createPolicyService({ objects, configs }) };
}

describe('policy service: validateObject', () => {
  it('passes a complete user', async () => {
    const { service } = await setup();
    assert.deepStrictEqual(await service.validateObject('alpha_user', { ...valid, userName: 'scarter', mail: 'scarter@example.com' }), { result: true, failedPolicyRequirements: [] });
  });

  it('reports REQUIRED alone for absent required properties, in schema order', async () => {
    const { service } = await setup();
    assert.deepStrictEqual(await service.validateObject('alpha_user', {}), {
      result: false,
      failedPolicyRequirements: ['userName', 'givenName', 'sn', 'mail'].map((property) => ({ property, policyRequirements: [{ policyRequirement: 'REQUIRED' }] })),
    });
  });

  it('reports one entry per failing policy, string policies included once REQUIRED failed', async () => {
    const { service } = await setup();
    const result = await service.validateObject('alpha_user', { ...valid, userName: '', mail: 'someone@example.com', password: 'short' });
    assert.deepStrictEqual(result.failedPolicyRequirements, [
      { property: 'userName', policyRequirements: [{ policyRequirement: 'REQUIRED' }] },
      { property: 'userName', policyRequirements: [{ policyRequirement: 'MIN_LENGTH', params: { minLength: 1 } }] },
      { property: 'password', policyRequirements: [{ policyRequirement: 'MIN_LENGTH', params: { minLength: 8 } }] },
      { property: 'password', policyRequirements: [{ policyRequirement: 'AT_LEAST_X_CAPITAL_LETTERS', params: { numCaps: 1 } }] },
      { property: 'password', policyRequirements: [{ policyRequirement: 'AT_LEAST_X_NUMBERS', params: { numNums: 1 } }] },
    ]);
  });

  it('checks uniqueness against other objects, not the object itself', async () => {
    const { service } = await setup();
    const clash = await service.validateObject('alpha_user', { ...valid, userName: 'BJensen', mail: 'BJensen@Example.com' });
    assert.deepStrictEqual(clash.failedPolicyRequirements, [
      { property: 'userName', policyRequirements: [{ policyRequirement: 'UNIQUE' }] },
      { property: 'mail', policyRequirements: [{ policyRequirement: 'UNIQUE' }] },
    ]);
    assert.equal((await service.validateObject('alpha_user', valid, { objectId: 'id-1' })).result, true);
    assert.equal((await service.validateObject('user', valid)).result, true, 'another type is another collection');
  });

  it('refuses the id of an internal user', async () => {
    const { service } = await setup();
    const result = await service.validateObject('alpha_user', { ...valid, userName: 'openidm-admin', mail: 'admin@example.com' });
    assert.deepStrictEqual(result.failedPolicyRequirements, [{ property: 'userName', policyRequirements: [{ policyRequirement: 'UNIQUE' }] }]);
  });

  it('derives regexpMatches from a pattern and checks nested types', async () => {
    const { service } = await setup();
    const result = await service.validateObject('alpha_user', { ...valid, userName: 'x', mail: 'x@example.com', telephoneNumber: 'call me', preferences: 'yes' });
    assert.deepStrictEqual(
      result.failedPolicyRequirements.map((failure) => [failure.property, failure.policyRequirements[0]?.policyRequirement]),
      [
        ['telephoneNumber', 'MATCH_REGEXP'],
        ['preferences', 'VALID_TYPE'],
      ],
    );
  });
});

describe('policy service: validateProperties', () => {
  it('validates only the given properties, ignoring unknown and nested ones', async () => {
    const { service } = await setup();
    const result = await service.validateProperties('alpha_user', { 'preferences/marketing': 'x', nope: 1, givenName: 'Al' }, { fullObject: {} });
    assert.deepStrictEqual(result, { result: true, failedPolicyRequirements: [] });
  });

  it('reads fields missing from the full object from the stored object on update', async () => {
    const { service } = await setup();
    const options = { objectId: 'id-1', fullObject: { password: 'Xbjensen1' } };
    assert.deepStrictEqual((await service.validateProperties('alpha_user', { password: 'Xbjensen1' }, options)).failedPolicyRequirements, [
      { property: 'password', policyRequirements: [{ policyRequirement: 'CANNOT_CONTAIN_OTHERS', params: { disallowedFields: 'userName' } }] },
    ]);
    const fresh = await service.validateProperties('alpha_user', { password: 'Xbjensen1' }, { fullObject: { password: 'Xbjensen1' } });
    assert.equal(fresh.result, true, 'a new object has no stored fields');
  });

  it('prefers the full object\'s values over the stored ones', async () => {
    const { service } = await setup();
    const result = await service.validateProperties('alpha_user', { password: 'Xbjensen1' }, { objectId: 'id-1', fullObject: { userName: 'other' } });
    assert.equal(result.result, true);
  });
});

describe('policy service: configuration', () => {
  it('uses the stored managed config, and fails loudly on an unknown policy', async () => {
    const managed = {
      objects: [{ name: 'device', schema: { type: 'object', required: ['serial'], properties: { serial: { type: 'string', policies: [{ policyId: 'no-such-policy' }] } } } }],
    };
    const { service } = await setup({ managed });
    await assert.rejects(service.validateObject('device', { serial: 'x' }), (error) => isPolicyError(error, 'UNKNOWN_POLICY'));
    const custom = createPolicyService({
      objects: openMemoryStore().managedObjects,
      configs: await configsWith({ managed }),
      policies: [{ policyId: 'no-such-policy', policyRequirements: ['NOPE'], validateOnlyIfPresent: true, clientValidation: false, validate: () => [{ policyRequirement: 'NOPE' }] }],
    });
    assert.deepStrictEqual((await custom.validateObject('device', { serial: 'x' })).failedPolicyRequirements, [
      { property: 'serial', policyRequirements: [{ policyRequirement: 'NOPE' }] },
    ]);
    assert.deepStrictEqual((await custom.propertyPolicies('device', 'serial')).policyRequirements, ['REQUIRED', 'VALID_TYPE', 'NOPE']);
  });
});

describe('policy service: is-new (password history)', () => {
  const hasher = createPasswordHasher(FAST_ARGON2);

  /** The default managed config with `is-new {historyLength}` on alpha_user's password. */
  function withIsNew(historyLength: number): ManagedConfig {
    const managed = defaultManagedConfig();
    const password = managed.objects.find((object) => object.name === 'alpha_user')?.schema.properties.password;
    assert.ok(password !== undefined);
    password.policies = [...(password.policies ?? []), { policyId: 'is-new', params: { historyLength } }];
    return managed;
  }

  async function historySetup(historyLength: number) {
    const objects = openMemoryStore().managedObjects;
    const { password: _password, ...attributes } = valid;
    const [current, older, oldest] = await Promise.all(['Current-12', 'Older-123', 'Oldest-123'].map((password) => hasher.hash(password)));
    await objects.create('alpha_user', 'id-1', { ...attributes, password: current }, { passwordHistory: [older, oldest] });
    const service = createPolicyService({ objects, configs: await configsWith({ managed: withIsNew(historyLength) }) });
    return { service, hashes: [current ?? '', older ?? '', oldest ?? ''] };
  }

  const isNewFailure = (historyLength: number) => [{ property: 'password', policyRequirements: [{ policyRequirement: 'IS_NEW', params: { historyLength } }] }];

  it('reads the history from the stored object when only its id is known (validated journey callbacks)', async () => {
    const { service } = await historySetup(3);
    for (const reused of ['Current-12', 'Older-123', 'Oldest-123']) {
      const result = await service.validateProperties('alpha_user', { password: reused }, { objectId: 'id-1', fullObject: { password: reused } });
      assert.deepStrictEqual(result.failedPolicyRequirements, isNewFailure(3), reused);
    }
    const fresh = await service.validateProperties('alpha_user', { password: 'Brand-new-1' }, { objectId: 'id-1', fullObject: { password: 'Brand-new-1' } });
    assert.equal(fresh.result, true);
  });

  it('checks the last historyLength passwords only, and nothing for a new object', async () => {
    const { service } = await historySetup(2);
    assert.equal((await service.validateObject('alpha_user', { ...valid, password: 'Oldest-123' }, { objectId: 'id-1' })).result, true);
    assert.deepStrictEqual((await service.validateObject('alpha_user', { ...valid, password: 'Older-123' }, { objectId: 'id-1' })).failedPolicyRequirements, isNewFailure(2));
    assert.equal((await service.validateObject('alpha_user', { ...valid, userName: 'new', mail: 'new@example.com', password: 'Current-12' })).result, true);
  });

  it('uses the hashes the caller passes instead of reading them', async () => {
    const { service, hashes } = await historySetup(3);
    const options = { objectId: 'id-1', storedObject: {}, passwordHistory: [hashes[2] ?? ''] };
    assert.equal((await service.validateObject('alpha_user', { ...valid, password: 'Current-12' }, options)).result, true);
    assert.deepStrictEqual((await service.validateObject('alpha_user', { ...valid, password: 'Oldest-123' }, options)).failedPolicyRequirements, isNewFailure(3));
  });

  it('shows is-new in the password policy object, as validated callbacks carry it', async () => {
    const { service } = await historySetup(4);
    const policies = await service.propertyPolicies('alpha_user', 'password');
    assert.ok('policies' in policies);
    assert.deepStrictEqual(policies.policies.at(-1), { policyId: 'is-new', params: { historyLength: 4 }, policyRequirements: ['IS_NEW'] });
    assert.equal(policies.policyRequirements.at(-1), 'IS_NEW');
  });

  it('compares nothing on a property other than the hashed password', async () => {
    const managed = withIsNew(2);
    const mail = managed.objects.find((object) => object.name === 'alpha_user')?.schema.properties.mail;
    assert.ok(mail !== undefined);
    mail.policies = [...(mail.policies ?? []), { policyId: 'is-new', params: { historyLength: 2 } }];
    const objects = openMemoryStore().managedObjects;
    const { password: _password, ...attributes } = valid;
    await objects.create('alpha_user', 'id-1', { ...attributes, password: await hasher.hash(valid.mail) }, {});
    const verified: string[] = [];
    const service = createPolicyService({ objects, configs: await configsWith({ managed }), verifyPassword: async (hash) => (verified.push(hash), true) });
    assert.equal((await service.validateProperties('alpha_user', { mail: valid.mail }, { objectId: 'id-1', fullObject: {} })).result, true);
    assert.deepStrictEqual(verified, []);
  });
});
