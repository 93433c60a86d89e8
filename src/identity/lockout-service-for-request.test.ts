/**
 * The lockout service of one request (`forRequest`), on the memory store's ephemeral store behind
 * a counting proxy: the guard's lock reads are always fresh and tell the rest of the request, a
 * failure count cleared by the request's verified check is not cleared again, and what one
 * request knows never reaches another.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LockoutSettings } from '../config/realm-config.ts';
import { countCalls } from '../store/memory/testing/intercept-calls.ts';
import { createLockoutService } from './lockout-service.ts';
import { ALICE, createIdentityFixture } from './testing/identity-fixture.ts';

const resource = 'managed/alpha_user';
const settings: LockoutSettings = { enabled: true, failureCount: 2, failureWindowMinutes: 5, durationMinutes: 15, durationMultiplier: 1, warnUserCount: 0 };

async function setup() {
  const fixture = createIdentityFixture();
  const ephemeral = countCalls(fixture.store.ephemeral);
  const lockout = createLockoutService({ identity: fixture.identity, ephemeral: ephemeral.repository, settingsFor: async () => settings, clock: fixture.clock });
  const alice = await fixture.identity.createUser('alpha_user', ALICE);
  const request = () => lockout.forRequest(fixture.identity.forRequest().identity);
  return { ...fixture, ephemeral, lockout, alice, request };
}

describe('lockout for one request', () => {
  it('reads the lock fresh for the guard, and the rest of the request uses what the guard read', async () => {
    const t = await setup();
    const lockout = t.request();
    const budget = await lockout.passwordBudget('alpha_user', { user: t.alice }, '192.0.2.1');
    assert.equal(await budget.isLocked(), false);
    assert.equal(await budget.isLocked(), false);
    assert.equal(t.ephemeral.count('get'), 2, 'before and after reserving: both read');
    assert.equal(await lockout.isLocked(resource, t.alice._id), false);
    assert.equal(t.ephemeral.count('get'), 2, 'known to the request');
    assert.equal(await t.lockout.isLocked(resource, t.alice._id), false);
    assert.equal(t.ephemeral.count('get'), 3, 'outside a request, read every time');
  });

  it('knows the lock it set (another request reads it)', async () => {
    const t = await setup();
    const lockout = t.request();
    await lockout.recordFailure(resource, t.alice._id);
    assert.deepEqual(await lockout.recordFailure(resource, t.alice._id), { locked: true, remaining: 0 });
    const gets = t.ephemeral.count('get');
    assert.equal(await lockout.isLocked(resource, t.alice._id), true);
    assert.equal(t.ephemeral.count('get'), gets);
    assert.equal(await t.request().isLocked(resource, t.alice._id), true, 'another request reads it');
  });

  it("clears the failure count once when the request's check verified; again when an attempt counted since", async () => {
    const t = await setup();
    const lockout = t.request();
    const budget = await lockout.passwordBudget('alpha_user', { user: t.alice }, '192.0.2.1');
    await budget.clear();
    await lockout.recordSuccess(resource, t.alice._id);
    assert.equal(t.ephemeral.count('delete'), 1);
    await lockout.recordFailure(resource, t.alice._id);
    await lockout.recordSuccess(resource, t.alice._id);
    assert.equal(t.ephemeral.count('delete'), 2);
    await t.lockout.recordSuccess(resource, t.alice._id);
    assert.equal(t.ephemeral.count('delete'), 3, 'outside a request, cleared every time');
  });
});
