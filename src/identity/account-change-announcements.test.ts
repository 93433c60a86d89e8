/**
 * Which writes the identity side announces to the account-change listener (the platform ends the
 * account's sessions on each), on the memory store: the identity service (journeys' Patch Object,
 * the lockout's deactivation, the CLI), the CREST service (IDM REST) and the lockout service.
 * A new password, `accountStatus` becoming inactive, a timed lock and a delete are announced, once
 * each and after the write; profile changes, repeated statuses, metadata, no-op writes and the
 * rehash at sign-in are not.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LockoutSettings } from '../config/realm-config.ts';
import { createPolicyService } from '../policy/policy-service.ts';
import { openMemoryStore } from '../store/memory/open-memory-store.ts';
import type { AccountChange } from './account-change.ts';
import { accountChangeReason } from './account-change-reason.ts';
import { createManagedObjectService } from './crest/managed-object-service.ts';
import { parsePatchOperations } from './crest/patch-operations.ts';
import { createIdentityService } from './identity-service.ts';
import { createLockoutService } from './lockout-service.ts';
import { createPasswordHasher } from './password-hasher.ts';
import { ALICE, FAST_ARGON2 } from './testing/identity-fixture.ts';
import { createManualClock } from './testing/manual-clock.ts';

/** The identity stack on a memory store, with a listener that records what it hears (and what was stored then). */
function setup() {
  const clock = createManualClock();
  const store = openMemoryStore({ clock });
  const { managedObjects: objects, configs } = store;
  const policy = createPolicyService({ objects, configs });
  const hasher = createPasswordHasher(FAST_ARGON2);
  const heard: AccountChange[] = [];
  /** Whether the object was already written when each announcement came. */
  const storedWhenHeard: unknown[] = [];
  const onAccountChanged = async (change: AccountChange): Promise<void> => {
    heard.push(change);
    storedWhenHeard.push((await objects.get(change.type, change.id))?.data.accountStatus ?? 'deleted');
  };
  let count = 0;
  const identity = createIdentityService({ objects, configs, policy, hasher, clock, newId: () => `id-${++count}`, onAccountChanged });
  const crest = createManagedObjectService({ objects, configs, policy, hasher, clock, onAccountChanged });
  return { clock, store, identity, crest, heard, storedWhenHeard, onAccountChanged };
}

describe('accountChangeReason', () => {
  it('names a changed password hash and a status becoming inactive; nothing else', () => {
    assert.equal(accountChangeReason({ password: 'h1' }, { password: 'h2' }, 'password'), 'password');
    assert.equal(accountChangeReason({ password: 'h1' }, {}, 'password'), 'password', 'a removed password');
    assert.equal(accountChangeReason({ password: 'h1' }, { password: 'h2' }, undefined), undefined, 'a schema without a hashed password');
    assert.equal(accountChangeReason({ accountStatus: 'active' }, { accountStatus: 'Inactive' }, 'password'), 'inactive');
    assert.equal(accountChangeReason({}, { accountStatus: 'inactive' }, 'password'), 'inactive');
    assert.equal(accountChangeReason({ accountStatus: 'inactive' }, { accountStatus: 'inactive', sn: 'x' }, 'password'), undefined, 'already inactive');
    assert.equal(accountChangeReason({ accountStatus: 'inactive' }, { accountStatus: 'active' }, 'password'), undefined, 'reactivated');
    assert.equal(accountChangeReason({ password: 'h', sn: 'a' }, { password: 'h', sn: 'b' }, 'password'), undefined);
  });
});

describe('identity service announcements', () => {
  it('announces a password set by patchUser (journeys’ Patch Object) and a deactivation, after the write', async () => {
    const { identity, heard, storedWhenHeard } = setup();
    const alice = await identity.createUser('alpha_user', ALICE);
    assert.deepEqual(heard, [], 'a creation ends no session');
    await identity.patchUser('alpha_user', alice._id, { password: 'Looking-Glass2' });
    await identity.setAccountStatus('alpha_user', alice._id, 'inactive');
    assert.deepEqual(heard, [
      { type: 'alpha_user', id: alice._id, reason: 'password' },
      { type: 'alpha_user', id: alice._id, reason: 'inactive' },
    ]);
    assert.deepEqual(storedWhenHeard, ['active', 'inactive'], 'each announcement comes after its write');
  });

  it('announces nothing for profile changes, metadata, repeated statuses, counters or the rehash at sign-in', async () => {
    const { identity, heard, store, clock } = setup();
    const { managedObjects: objects, configs } = store;
    // Created with other hash parameters, so that the sign-in below rehashes the same password.
    const otherHasher = createPasswordHasher({ ...FAST_ARGON2, memoryCost: FAST_ARGON2.memoryCost * 2 });
    const creator = createIdentityService({ objects, configs, policy: createPolicyService({ objects, configs }), hasher: otherHasher, clock });
    const alice = await creator.createUser('alpha_user', ALICE);
    const hashBefore = (await objects.get('alpha_user', alice._id))?.data.password;
    await identity.patchUser('alpha_user', alice._id, { givenName: 'Alicia' });
    await identity.updateMeta('alpha_user', alice._id, (meta) => ({ ...meta, loginCount: 3 }));
    await identity.updateSystemAttribute('alpha_user', alice._id, 'retryLimitNodeCount', () => 2);
    await identity.setAccountStatus('alpha_user', alice._id, 'active');
    assert.equal((await identity.authenticate('alpha_user', 'alice', String(ALICE.password))).ok, true);
    assert.notEqual((await objects.get('alpha_user', alice._id))?.data.password, hashBefore, 'the sign-in rehashed the password');
    assert.deepEqual(heard, []);
  });

  it('a failing listener fails the write’s caller (the write itself is stored)', async () => {
    const clock = createManualClock();
    const store = openMemoryStore({ clock });
    const { managedObjects: objects, configs } = store;
    const policy = createPolicyService({ objects, configs });
    const failing = async (): Promise<void> => {
      throw new Error('the ephemeral store is down');
    };
    const identity = createIdentityService({ objects, configs, policy, hasher: createPasswordHasher(FAST_ARGON2), clock, onAccountChanged: failing });
    const alice = await identity.createUser('alpha_user', ALICE);
    await assert.rejects(identity.patchUser('alpha_user', alice._id, { password: 'Looking-Glass2' }), /ephemeral store is down/);
    assert.equal(await identity.verifyPassword('alpha_user', alice._id, 'Looking-Glass2'), true);
  });
});

describe('CREST service announcements', () => {
  const patch = (value: unknown) => parsePatchOperations(value);

  it('announces passwords set by PUT and PATCH, a deactivation and a delete; not a profile change or a no-op write', async () => {
    const { crest, heard } = setup();
    const created = await crest.create('alpha_user', { ...ALICE });
    const id = created.id;
    await crest.update('alpha_user', id, { ...ALICE, password: 'Looking-Glass2' });
    await crest.patch('alpha_user', id, patch([{ operation: 'replace', field: 'password', value: 'Looking-Glass3' }]));
    await crest.patch('alpha_user', id, patch([{ operation: 'replace', field: 'givenName', value: 'Alicia' }]));
    await crest.patch('alpha_user', id, patch([{ operation: 'replace', field: 'givenName', value: 'Alicia' }]));
    await crest.patch('alpha_user', id, patch([{ operation: 'replace', field: 'accountStatus', value: 'inactive' }]));
    await crest.patch('alpha_user', id, patch([{ operation: 'replace', field: 'accountStatus', value: 'inactive' }]));
    await crest.delete('alpha_user', id);
    assert.deepEqual(
      heard.map((change) => change.reason),
      ['password', 'password', 'inactive', 'deleted'],
    );
    assert.ok(heard.every((change) => change.type === 'alpha_user' && change.id === id));
  });

  it('announces nothing for a refused write', async () => {
    const { crest, heard } = setup();
    const { id } = await crest.create('alpha_user', { ...ALICE });
    await assert.rejects(crest.patch('alpha_user', id, patch([{ operation: 'replace', field: 'password', value: 'short' }])));
    await assert.rejects(crest.delete('alpha_user', 'nobody'));
    assert.deepEqual(heard, []);
  });
});

describe('lockout service announcements', () => {
  const base: LockoutSettings = { enabled: true, failureCount: 2, failureWindowMinutes: 5, durationMinutes: 15, durationMultiplier: 1, warnUserCount: 0 };

  it('announces a lock for a duration as locked, and a persistent lock through the identity service as inactive', async () => {
    for (const [durationMinutes, reason] of [[15, 'locked'], [0, 'inactive']] as const) {
      const { identity, store, heard, onAccountChanged } = setup();
      const lockout = createLockoutService({ identity, ephemeral: store.ephemeral, settingsFor: async () => ({ ...base, durationMinutes }), onAccountChanged });
      const alice = await identity.createUser('alpha_user', ALICE);
      await lockout.recordFailure('managed/alpha_user', alice._id);
      assert.deepEqual(heard, [], 'one failure locks nothing');
      assert.equal((await lockout.recordFailure('managed/alpha_user', alice._id)).locked, true);
      assert.deepEqual(heard, [{ type: 'alpha_user', id: alice._id, reason }], `duration ${durationMinutes}`);
    }
  });
});
