/**
 * The identity service of one request (`forRequest`), on the memory store behind a counting proxy:
 * a user read once whoever asks (lookup, id, sign-in candidate), the bookkeeping writes kept and
 * written together when the request settles, while a new password or a deactivation is written
 * and announced at once; requests never share what they read.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPolicyService } from '../policy/policy-service.ts';
import { openMemoryStore } from '../store/memory/open-memory-store.ts';
import { countCalls } from '../store/memory/testing/intercept-calls.ts';
import type { AccountChange } from './account-change.ts';
import { createIdentityService } from './identity-service.ts';
import { createPasswordHasher } from './password-hasher.ts';
import { ALICE, FAST_ARGON2 } from './testing/identity-fixture.ts';
import { createManualClock } from './testing/manual-clock.ts';

const TYPE = 'alpha_user';

async function setup() {
  const clock = createManualClock();
  const store = openMemoryStore({ clock });
  const objects = countCalls(store.managedObjects);
  const policy = createPolicyService({ objects: store.managedObjects, configs: store.configs });
  const heard: AccountChange[] = [];
  const identity = createIdentityService({
    objects: objects.repository,
    configs: store.configs,
    policy,
    hasher: createPasswordHasher(FAST_ARGON2),
    clock,
    onAccountChanged: async (change) => void heard.push(change),
  });
  const alice = await identity.createUser(TYPE, ALICE);
  const stored = () => store.managedObjects.get(TYPE, alice._id);
  const reads = () => objects.count('get') + objects.count('findByAttribute');
  return { identity, objects, alice, stored, reads, heard };
}

describe('identity service for one request', () => {
  it('reads the user once: the sign-in candidate, lookups and reads by id share it', async () => {
    const t = await setup();
    const before = t.reads();
    const { identity } = t.identity.forRequest();
    const candidate = await identity.signInCandidate(TYPE, 'userName', 'Alice');
    assert.equal(await candidate.verify(String(ALICE.password)), true);
    assert.equal((await identity.findByAttribute(TYPE, 'userName', 'alice', 2))[0]?._id, t.alice._id);
    assert.equal((await identity.getUser(TYPE, t.alice._id))?._id, t.alice._id);
    assert.equal(t.reads() - before, 1);
  });

  it('keeps the bookkeeping for the end of the request: seen at once, written in one update', async () => {
    const t = await setup();
    const request = t.identity.forRequest();
    const updatesBefore = t.objects.count('update');
    await request.identity.incrementLoginCount(TYPE, t.alice._id);
    await request.identity.updateMeta(TYPE, t.alice._id, (meta) => ({ ...meta, lockoutCount: 0 }));
    await request.identity.updateSystemAttribute(TYPE, t.alice._id, 'retryLimitNodeCount', () => ['node=1']);
    const seen = await request.identity.getUser(TYPE, t.alice._id);
    assert.deepEqual([seen?.meta.loginCount, seen?.meta.lockoutCount, seen?.attributes.retryLimitNodeCount], [1, 0, ['node=1']]);
    assert.equal((await t.stored())?.meta.loginCount, undefined, 'not written before the request settles');
    await request.settle();
    const written = await t.stored();
    assert.deepEqual([written?.meta.loginCount, written?.meta.lockoutCount, written?.data.retryLimitNodeCount], [1, 0, ['node=1']]);
    assert.equal(t.objects.count('update') - updatesBefore, 1);
  });

  it('writes and announces a deactivation at once, with what was kept before it', async () => {
    const t = await setup();
    const request = t.identity.forRequest();
    await request.identity.incrementLoginCount(TYPE, t.alice._id);
    await request.identity.setAccountStatus(TYPE, t.alice._id, 'inactive');
    const written = await t.stored();
    assert.deepEqual([written?.data.accountStatus, written?.meta.loginCount], ['inactive', 1]);
    assert.deepEqual(t.heard, [{ type: TYPE, id: t.alice._id, reason: 'inactive' }]);
    const updates = t.objects.count('update');
    await request.settle();
    assert.equal(t.objects.count('update'), updates, 'nothing left to write');
  });

  it('keeps nothing across requests', async () => {
    const t = await setup();
    const first = t.identity.forRequest();
    await first.identity.incrementLoginCount(TYPE, t.alice._id);
    assert.equal((await t.identity.forRequest().identity.getUser(TYPE, t.alice._id))?.meta.loginCount, undefined);
    await first.settle();
    assert.equal((await t.identity.forRequest().identity.getUser(TYPE, t.alice._id))?.meta.loginCount, 1);
  });
});
