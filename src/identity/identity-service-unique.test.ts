/**
 * Unique user names hold under races on a real store: the `unique` policy checks first, the
 * database's unique index stops the write that raced past it, and both look the same to callers.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createPolicyService } from '../policy/policy-service.ts';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { isIdentityError } from './errors.ts';
import { createIdentityService } from './identity-service.ts';
import type { IdentityService } from './identity-service.ts';
import { createPasswordHasher } from './password-hasher.ts';
import { installDefaultManagedConfig } from './schema-for-type.ts';

const user = (userName: string) => ({ userName, givenName: 'Race', sn: 'Condition', mail: `${userName.toLowerCase()}@example.com` });

describe('identity service: unique userName under concurrency', () => {
  let store: Store;
  let identity: IdentityService;
  before(async () => {
    store = await openStore({ memory: true });
    await installDefaultManagedConfig(store.configs);
    const policy = createPolicyService({ objects: store.managedObjects, configs: store.configs });
    identity = createIdentityService({ objects: store.managedObjects, configs: store.configs, policy, hasher: createPasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }), clock: { now: () => Date.now() } });
    await identity.ensureSearchIndexes('alpha_user');
  });
  after(async () => store?.close());

  it('of two parallel creates of one userName (different case), one wins and the other is refused as UNIQUE', async () => {
    const results = await Promise.allSettled([identity.createUser('alpha_user', user('frank')), identity.createUser('alpha_user', { ...user('FRANK'), mail: 'frank.2@example.com' })]);
    const rejected = results.filter((r) => r.status === 'rejected');
    assert.equal(rejected.length, 1);
    const reason = (rejected[0] as PromiseRejectedResult).reason as unknown;
    assert.ok(isIdentityError(reason, 'POLICY_VALIDATION_FAILED'));
    assert.deepEqual(reason.detail, { result: false, failedPolicyRequirements: [{ property: 'userName', policyRequirements: [{ policyRequirement: 'UNIQUE' }] }] });
    assert.equal((await identity.findByAttribute('alpha_user', 'userName', 'frank')).length, 1);
  });

  it('a patch to a taken userName is refused as UNIQUE', async () => {
    const grace = await identity.createUser('alpha_user', user('grace'));
    await identity.createUser('alpha_user', user('heidi'));
    await assert.rejects(identity.patchUser('alpha_user', grace._id, { userName: 'Heidi' }), (error: unknown) => isIdentityError(error, 'POLICY_VALIDATION_FAILED'));
  });
});
