import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseOptions } from '@node-rs/argon2';
import type { PolicyValidationResult } from '../policy/policy-types.ts';
import { hasErrorCode, isIdentityError } from './errors.ts';
import { createIdentityService } from './identity-service.ts';
import type { PasswordHasher } from './password-hasher.ts';
import { createPasswordHasher } from './password-hasher.ts';
import { interceptCalls } from '../store/memory/testing/intercept-calls.ts';
import { ALICE, createIdentityFixture, FAST_ARGON2 } from './testing/identity-fixture.ts';

function policyFailure(error: unknown): PolicyValidationResult['failedPolicyRequirements'] {
  assert.ok(isIdentityError(error, 'POLICY_VALIDATION_FAILED'), `expected a policy failure, got ${String(error)}`);
  assert.equal(error.message, 'Policy validation failed');
  return (error.detail as PolicyValidationResult).failedPolicyRequirements;
}

function spyHasher(hasher: PasswordHasher): PasswordHasher & { dummies: number } {
  const spy = { ...hasher, dummies: 0, dummyVerify: async (password: string) => ((spy.dummies += 1), hasher.dummyVerify(password)) };
  return spy;
}

describe('identity service: create', () => {
  it('creates a user with a UUID, a hashed password, schema defaults and _meta dates', async () => {
    const { identity, objects, clock } = createIdentityFixture();
    const user = await identity.createUser('alpha_user', { ...ALICE, _id: 'mine', 'preferences/marketing': true });
    assert.equal(user._id, '00000000-0000-4000-8000-000000000001');
    assert.deepStrictEqual(user.attributes, { userName: 'alice', givenName: 'Alice', sn: 'Liddell', mail: 'alice@example.com', preferences: { marketing: true }, accountStatus: 'active' });
    assert.equal(user.hasPassword, true);
    const iso = new Date(clock.now()).toISOString();
    assert.deepStrictEqual(user.meta, { createDate: iso, lastChanged: { date: iso } });
    const stored = await objects.get('alpha_user', user._id);
    assert.match(String(stored?.data.password), /^\$argon2id\$/);
    assert.equal(JSON.stringify(user).includes('argon2'), false, 'views never carry the hash');
  });

  it('refuses a duplicate userName with UNIQUE, case-insensitively, and stores nothing', async () => {
    const { identity } = createIdentityFixture();
    await identity.createUser('alpha_user', ALICE);
    const error = await identity.createUser('alpha_user', { ...ALICE, userName: 'ALICE', mail: 'other@example.com' }).catch((e: unknown) => e);
    assert.deepStrictEqual(policyFailure(error), [{ property: 'userName', policyRequirements: [{ policyRequirement: 'UNIQUE' }] }]);
    assert.equal((await identity.listUsers('alpha_user', { limit: 10, offset: 0 })).total, 1);
  });

  it('validates the plaintext password against the password policies', async () => {
    const { identity } = createIdentityFixture();
    const error = await identity.createUser('user', { ...ALICE, password: 'alice123' }).catch((e: unknown) => e);
    assert.deepStrictEqual(
      policyFailure(error).map((failure) => failure.policyRequirements[0]?.policyRequirement),
      ['AT_LEAST_X_CAPITAL_LETTERS', 'CANNOT_CONTAIN_OTHERS'],
    );
  });

  it('creates users without a password (social sign-in)', async () => {
    const { identity } = createIdentityFixture();
    const { password: _password, ...noPassword } = ALICE;
    assert.equal((await identity.createUser('user', noPassword)).hasPassword, false);
  });
});

describe('identity service: read', () => {
  it('gets, finds case-insensitively and lists users', async () => {
    const { identity } = createIdentityFixture();
    const alice = await identity.createUser('alpha_user', ALICE);
    await identity.createUser('alpha_user', { ...ALICE, userName: 'bob', mail: 'bob@example.com' });
    assert.deepStrictEqual(await identity.getUser('alpha_user', alice._id), alice);
    assert.equal(await identity.getUser('alpha_user', 'nope'), undefined);
    assert.deepStrictEqual((await identity.findByAttribute('alpha_user', 'mail', 'ALICE@example.com')).map((u) => u._id), [alice._id]);
    const page = await identity.listUsers('alpha_user', { limit: 1, offset: 1 });
    assert.equal(page.total, 2);
    assert.equal(page.items.length, 1);
  });

  it('indexes the searchable properties of the schema', async () => {
    const { identity, objects } = createIdentityFixture();
    const searchable = ['userName', 'givenName', 'sn', 'mail', 'profileImage', 'description', 'accountStatus'];
    assert.deepStrictEqual(await identity.ensureSearchIndexes('alpha_user'), searchable);
    assert.deepStrictEqual(await objects.searchableAttributes('alpha_user'), [...searchable].sort());
  });
});

describe('identity service: patch', () => {
  it('writes fields, keeps createDate and moves lastChanged', async () => {
    const { identity, clock } = createIdentityFixture();
    const alice = await identity.createUser('alpha_user', ALICE);
    clock.advance(60_000);
    const patched = await identity.patchUser('alpha_user', alice._id, { givenName: 'Alicia', '/preferences/updates': false, description: undefined });
    assert.equal(patched.attributes.givenName, 'Alicia');
    assert.deepStrictEqual(patched.attributes.preferences, { updates: false });
    assert.equal(patched.meta.createDate, alice.meta.createDate);
    assert.deepEqual(patched.meta.lastChanged, { date: new Date(clock.now()).toISOString() });
    assert.notEqual(patched._rev, alice._rev);
  });

  it('validates and re-hashes a new password; an unchanged hash is not validated', async () => {
    const { identity } = createIdentityFixture();
    const alice = await identity.createUser('alpha_user', ALICE);
    await identity.patchUser('alpha_user', alice._id, { password: 'Looking2Glass' });
    assert.equal(await identity.verifyPassword('alpha_user', alice._id, 'Looking2Glass'), true);
    assert.equal(await identity.verifyPassword('alpha_user', alice._id, 'Wonderland1'), false);
    const error = await identity.patchUser('alpha_user', alice._id, { password: 'short' }).catch((e: unknown) => e);
    assert.equal(policyFailure(error)[0]?.policyRequirements[0]?.policyRequirement, 'MIN_LENGTH');
    await identity.patchUser('alpha_user', alice._id, { sn: 'Pleasance' });
    assert.equal(await identity.verifyPassword('alpha_user', alice._id, 'Looking2Glass'), true);
  });

  it('refuses taking another user\'s userName, and unknown users', async () => {
    const { identity } = createIdentityFixture();
    const alice = await identity.createUser('alpha_user', ALICE);
    await identity.createUser('alpha_user', { ...ALICE, userName: 'bob', mail: 'bob@example.com' });
    const error = await identity.patchUser('alpha_user', alice._id, { userName: 'Bob' }).catch((e: unknown) => e);
    assert.deepStrictEqual(policyFailure(error), [{ property: 'userName', policyRequirements: [{ policyRequirement: 'UNIQUE' }] }]);
    await assert.rejects(identity.patchUser('alpha_user', 'nope', { sn: 'x' }), (e) => isIdentityError(e, 'OBJECT_NOT_FOUND'));
  });

  it('re-applies the patch after a concurrent write, unless the caller pinned a revision', async () => {
    const { identity: fixtureIdentity, objects, configs, policy, hasher, clock } = createIdentityFixture();
    const alice = await fixtureIdentity.createUser('alpha_user', ALICE);
    let raced = false;
    // Another writer really updates the object just before the service's first update lands.
    const racing = interceptCalls(objects, {
      update: async (type, id) => {
        if (raced) return;
        raced = true;
        const current = await objects.get(type, id);
        if (current !== undefined) await objects.update(type, id, { ...current.data, city: 'Oxford' }, current.meta);
      },
    });
    const identity = createIdentityService({ objects: racing, configs, policy, hasher, clock });
    const patched = await identity.patchUser('alpha_user', alice._id, { sn: 'Pleasance' });
    assert.ok(raced);
    assert.deepStrictEqual([patched.attributes.sn, patched.attributes.city], ['Pleasance', 'Oxford']);
    await assert.rejects(identity.patchUser('alpha_user', alice._id, { sn: 'x' }, { expectedRev: alice._rev }), (e) => hasErrorCode(e, 'REV_MISMATCH'));
  });

  it('sets accountStatus and _meta without policy validation', async () => {
    const { identity } = createIdentityFixture();
    const alice = await identity.createUser('alpha_user', ALICE);
    assert.equal((await identity.setAccountStatus('alpha_user', alice._id, 'inactive')).attributes.accountStatus, 'inactive');
    await identity.incrementLoginCount('alpha_user', alice._id);
    await identity.incrementLoginCount('alpha_user', alice._id);
    assert.equal((await identity.getUser('alpha_user', alice._id))?.meta.loginCount, 2);
  });
});

describe('identity service: security answers', () => {
  it('hashes clear answers on create and patch, keeps stored forms it accepts, and gives them only to getUser/findByAttribute', async () => {
    const { objects, configs, policy, hasher, clock } = createIdentityFixture();
    const hashKbaAnswer = async (answer: string) => ({ hashed: answer });
    const acceptStoredKbaAnswer = (stored: unknown) => JSON.stringify(stored).includes('SHA-256');
    const identity = createIdentityService({ objects, configs, policy, hasher, clock, hashKbaAnswer, acceptStoredKbaAnswer });
    const created = await identity.createUser('user', { ...ALICE, kbaInfo: [{ questionId: '1', answer: 'red' }] });
    assert.deepEqual(created.attributes.kbaInfo, [{ questionId: '1' }], 'no answer in the view');
    assert.deepEqual((await objects.get('user', created._id))?.data.kbaInfo, [{ questionId: '1', answer: { hashed: 'red' } }]);
    const envelope = { $crypto: { type: 'salted-hash', value: { algorithm: 'SHA-256', data: 'x' } } };
    const patched = await identity.patchUser('user', created._id, { kbaInfo: [{ questionId: '1' }, { questionId: '2', answer: 'blue' }, { questionId: '3', answer: envelope }] });
    assert.deepEqual(patched.attributes.kbaInfo, [{ questionId: '1' }, { questionId: '2' }, { questionId: '3' }]);
    const stored = [{ questionId: '1', answer: { hashed: 'red' } }, { questionId: '2', answer: { hashed: 'blue' } }, { questionId: '3', answer: envelope }];
    assert.deepEqual((await objects.get('user', created._id))?.data.kbaInfo, stored);
    assert.deepEqual((await identity.getUser('user', created._id))?.attributes.kbaInfo, stored, 'KBA Verification reads the stored forms');
    assert.deepEqual((await identity.findByAttribute('user', 'userName', 'alice'))[0]?.attributes.kbaInfo, stored);
    assert.deepEqual((await identity.listUsers('user', { limit: 10, offset: 0 })).items[0]?.attributes.kbaInfo, [{ questionId: '1' }, { questionId: '2' }, { questionId: '3' }]);
    const costly = { $crypto: { type: 'salted-hash', value: { algorithm: 'ARGON2ID', data: '$argon2id$v=19$m=1048576,t=8,p=1$x$y' } } };
    await assert.rejects(identity.patchUser('user', created._id, { kbaInfo: [{ questionId: '4', answer: costly }] }), (error) => isIdentityError(error, 'KBA_ANSWER_NOT_ACCEPTED'));
    assert.deepEqual((await objects.get('user', created._id))?.data.kbaInfo, stored, 'a patch of another field keeps the stored forms');
    await identity.patchUser('user', created._id, { sn: 'Other' });
    assert.deepEqual((await objects.get('user', created._id))?.data.kbaInfo, stored);
  });
});

describe('identity service: authenticate', () => {
  it('accepts the right password, refuses a wrong one, and spends a dummy verification on unknown users', async () => {
    const hasher = spyHasher(createPasswordHasher(FAST_ARGON2));
    const { identity } = createIdentityFixture({ hasher });
    const alice = await identity.createUser('alpha_user', ALICE);
    assert.deepStrictEqual(await identity.authenticate('alpha_user', 'Alice', 'Wonderland1'), { ok: true, user: alice });
    assert.deepStrictEqual(await identity.authenticate('alpha_user', 'alice', 'wonderland1'), { ok: false });
    assert.equal(hasher.dummies, 0);
    assert.deepStrictEqual(await identity.authenticate('alpha_user', 'nobody', 'Wonderland1'), { ok: false });
    assert.equal(await identity.verifyPassword('alpha_user', 'no-such-id', 'Wonderland1'), false);
    assert.equal(hasher.dummies, 2);
  });

  it('rehashes an outdated hash on a successful sign-in only', async () => {
    const weak = createIdentityFixture();
    const alice = await weak.identity.createUser('alpha_user', ALICE);
    const stronger = createPasswordHasher({ ...FAST_ARGON2, timeCost: 2 });
    const identity = createIdentityService({ objects: weak.objects, configs: weak.configs, policy: weak.policy, hasher: stronger, clock: weak.clock });
    const timeCost = async () => parseOptions(String((await weak.objects.get('alpha_user', alice._id))?.data.password)).timeCost;
    assert.equal((await identity.authenticate('alpha_user', 'alice', 'nope')).ok, false);
    assert.equal(await timeCost(), 1);
    const result = await identity.authenticate('alpha_user', 'alice', 'Wonderland1');
    assert.equal(result.ok, true);
    assert.equal(await timeCost(), 2);
    assert.deepStrictEqual(await stronger.verify(String((await weak.objects.get('alpha_user', alice._id))?.data.password), 'Wonderland1'), { ok: true, needsRehash: false });
  });
});
