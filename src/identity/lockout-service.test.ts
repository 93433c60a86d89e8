import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LockoutSettings } from '../config/realm-config.ts';
import { createLockoutService } from './lockout-service.ts';
import { interceptCalls } from '../store/memory/testing/intercept-calls.ts';
import { ALICE, createIdentityFixture } from './testing/identity-fixture.ts';

const MINUTE = 60_000;
const resource = 'managed/alpha_user';
const base: LockoutSettings = { enabled: true, failureCount: 3, failureWindowMinutes: 5, durationMinutes: 0, durationMultiplier: 1, warnUserCount: 1 };

async function setup(settings: Partial<LockoutSettings> = {}) {
  const fixture = createIdentityFixture();
  /** The lifetime each key was last put with. */
  const ttls = new Map<string, number>();
  const ephemeral = interceptCalls(fixture.store.ephemeral, {
    put: (key, _value, ttlMs) => {
      ttls.set(key, ttlMs);
    },
  });
  const alice = await fixture.identity.createUser('alpha_user', ALICE);
  const asked: string[] = [];
  const lockout = createLockoutService({
    identity: fixture.identity,
    ephemeral,
    settingsFor: async (type) => (asked.push(type), { ...base, ...settings }),
  });
  const status = async () => (await fixture.identity.getUser('alpha_user', alice._id))?.attributes.accountStatus;
  return { ...fixture, ephemeral, ttls, lockout, id: alice._id, status, asked };
}

describe('lockout: warnings', () => {
  it('reports the remaining attempts only once the realm warn count is reached', async () => {
    const never = await setup({ warnUserCount: 0, failureCount: 4 });
    assert.deepStrictEqual(await never.lockout.recordFailure(resource, never.id), { locked: false, remaining: undefined });
    const late = await setup({ warnUserCount: 2, failureCount: 4 });
    assert.deepStrictEqual(await late.lockout.recordFailure(resource, late.id), { locked: false, remaining: undefined });
    assert.deepStrictEqual(await late.lockout.recordFailure(resource, late.id), { locked: false, remaining: 2 });
  });
});

describe('lockout: persistent', () => {
  it('counts failures and makes the account inactive at the count', async () => {
    const { lockout, id, status, asked } = await setup();
    assert.deepStrictEqual(await lockout.recordFailure(resource, id), { locked: false, remaining: 2 });
    assert.deepStrictEqual(await lockout.recordFailure(resource, id), { locked: false, remaining: 1 });
    assert.equal(await lockout.isLocked(resource, id), false);
    assert.deepStrictEqual(await lockout.recordFailure(resource, id), { locked: true, remaining: 0 });
    assert.equal(await status(), 'inactive');
    assert.equal(await lockout.isLocked(resource, id), true);
    assert.deepStrictEqual(await lockout.recordFailure(resource, id), { locked: true, remaining: 0 });
    assert.equal(asked[0], 'alpha_user');
  });

  it('forgets failures outside the window', async () => {
    const { lockout, id, clock } = await setup();
    await lockout.recordFailure(resource, id);
    await lockout.recordFailure(resource, id);
    clock.advance(5 * MINUTE);
    assert.deepStrictEqual(await lockout.recordFailure(resource, id), { locked: false, remaining: 2 });
  });

  it('starts counting again after a success', async () => {
    const { lockout, id } = await setup();
    await lockout.recordFailure(resource, id);
    await lockout.recordFailure(resource, id);
    await lockout.recordSuccess(resource, id);
    assert.deepStrictEqual(await lockout.recordFailure(resource, id), { locked: false, remaining: 2 });
  });

  it('treats accountStatus Inactive as locked, case-insensitively', async () => {
    const { lockout, id, identity } = await setup();
    await identity.setAccountStatus('alpha_user', id, 'Inactive');
    assert.equal(await lockout.isLocked(resource, id), true);
    assert.equal(await lockout.isLocked(resource, 'unknown-id'), false);
  });
});

describe('lockout: duration', () => {
  it('locks for the duration without touching accountStatus, then releases', async () => {
    const { lockout, id, status, clock } = await setup({ durationMinutes: 15 });
    for (let i = 0; i < 3; i++) await lockout.recordFailure(resource, id);
    assert.equal(await lockout.isLocked(resource, id), true);
    assert.equal(await status(), 'active');
    clock.advance(15 * MINUTE - 1);
    assert.equal(await lockout.isLocked(resource, id), true);
    clock.advance(1);
    assert.equal(await lockout.isLocked(resource, id), false);
    assert.deepStrictEqual(await lockout.recordFailure(resource, id), { locked: false, remaining: 2 }, 'the count restarts after a lockout');
  });

  it('multiplies the duration by the multiplier for each previous lockout, until a success', async () => {
    const { lockout, id, clock, ttls, identity } = await setup({ durationMinutes: 10, durationMultiplier: 2 });
    const lockFor = async () => {
      ttls.clear();
      for (let i = 0; i < 3; i++) await lockout.recordFailure(resource, id);
      const ttl = ttls.get(`lockout:locked:alpha_user:${id}`);
      assert.equal(await lockout.isLocked(resource, id), true);
      clock.advance(ttl ?? 0);
      assert.equal(await lockout.isLocked(resource, id), false, 'the lock lasts exactly its lifetime');
      return ttl;
    };
    assert.deepStrictEqual([await lockFor(), await lockFor(), await lockFor()], [10 * MINUTE, 20 * MINUTE, 40 * MINUTE]);
    assert.equal((await identity.getUser('alpha_user', id))?.meta.lockoutCount, 3);
    await lockout.recordSuccess(resource, id);
    assert.equal(await lockFor(), 10 * MINUTE);
  });
});

describe('lockout: manual and disabled', () => {
  it('setLocked sets accountStatus and clears counters and markers', async () => {
    const { lockout, id, status } = await setup({ durationMinutes: 15 });
    for (let i = 0; i < 3; i++) await lockout.recordFailure(resource, id);
    await lockout.setLocked(resource, id, false);
    assert.equal(await lockout.isLocked(resource, id), false);
    assert.equal(await status(), 'active');
    await lockout.recordFailure(resource, id);
    await lockout.setLocked(resource, id, true);
    assert.equal(await status(), 'inactive');
    assert.equal(await lockout.isLocked(resource, id), true);
    await lockout.setLocked(resource, id, false);
    assert.deepStrictEqual(await lockout.recordFailure(resource, id), { locked: false, remaining: 2 });
  });

  it('counts nothing when lockout is disabled; only accountStatus matters', async () => {
    const { lockout, id, identity, status } = await setup({ enabled: false });
    for (let i = 0; i < 5; i++) assert.deepStrictEqual(await lockout.recordFailure(resource, id), { locked: false, remaining: undefined });
    assert.equal(await status(), 'active');
    await identity.setAccountStatus('alpha_user', id, 'inactive');
    assert.deepStrictEqual(await lockout.recordFailure(resource, id), { locked: true, remaining: undefined });
    assert.equal(await lockout.isLocked(resource, id), true);
  });
});
