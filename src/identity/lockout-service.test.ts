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

describe('lockout: password budgets, administrators and unlock', () => {
  async function withRealm(name: string, settings: Partial<LockoutSettings> = {}) {
    const fixture = createIdentityFixture();
    const lockout = createLockoutService({
      identity: fixture.identity,
      ephemeral: fixture.store.ephemeral,
      settingsFor: async () => ({ ...base, durationMinutes: 15, ...settings }),
      realmOf: async () => ({ name }),
      clock: fixture.clock,
    });
    const user = await fixture.identity.createUser('alpha_user', ALICE);
    const admin = await fixture.identity.createUser('alpha_user', { ...ALICE, userName: 'amadmin', mail: 'amadmin@example.com', password: 'Looking-Glass2' });
    return { ...fixture, lockout, user, admin };
  }

  it('gives an account the realm lockout as its budget, and a name without an account one of its own, keyed by a hash of the name', async () => {
    const { lockout, user } = await withRealm('alpha');
    const known = await lockout.passwordBudget('alpha_user', { user }, '192.0.2.1');
    assert.deepEqual([known.key, known.limit, known.windowMs, known.refusal, known.warnFrom], [`lockout:attempts:alpha_user:${user._id}`, 3, 5 * MINUTE, 'locked', 1]);
    const unknown = await lockout.passwordBudget('alpha_user', { unknownName: ' Nobody ' }, '192.0.2.1');
    assert.match(unknown.key ?? '', /^lockout:attempts:alpha_user:unknown:[0-9a-f]{32}$/);
    assert.equal(unknown.key, (await lockout.passwordBudget('alpha_user', { unknownName: 'NOBODY' }, '192.0.2.9')).key, 'names compare as sign-ins do');
    assert.equal(unknown.key?.includes('obody'), false, 'the store never holds the name tried');
    assert.equal(await unknown.lock(), true);
    assert.equal(await unknown.isLocked(), true);
  });

  it('never locks an administrator: failures are throttled per client address with 429, setLocked and recordFailure leave them alone', async () => {
    const { lockout, admin, identity, clock } = await withRealm('root');
    const budget = await lockout.passwordBudget('alpha_user', { user: admin }, '203.0.113.1');
    assert.equal(budget.limit, 5);
    assert.match(budget.key ?? '', /^lockout:administrator:alpha_user:.+:203\.0\.113\.1:\d+$/);
    assert.equal(budget.refusal === 'locked' ? 'locked' : budget.refusal.code, 'THROTTLED');
    assert.equal(await budget.lock(), false);
    assert.notEqual((await lockout.passwordBudget('alpha_user', { user: admin }, '203.0.113.2')).key, budget.key, 'another address');
    clock.advance(15 * MINUTE);
    assert.notEqual((await lockout.passwordBudget('alpha_user', { user: admin }, '203.0.113.1')).key, budget.key, 'the next window');
    for (let attempt = 0; attempt < 5; attempt++) assert.deepStrictEqual(await lockout.recordFailure(resource, admin._id), { locked: false, remaining: undefined });
    await lockout.setLocked(resource, admin._id, true);
    assert.equal((await identity.getUser('alpha_user', admin._id))?.attributes.accountStatus, 'active');
    assert.equal(await lockout.isLocked(resource, admin._id), false);
    const other = await withRealm('alpha');
    assert.equal((await other.lockout.passwordBudget('alpha_user', { user: other.admin }, '203.0.113.1')).refusal, 'locked', 'amadmin of another realm is no administrator');
  });

  it('unlock ends a lock for a duration and a persistent lockout, and leaves an inactive account it did not lock inactive', async () => {
    const timed = await withRealm('alpha');
    for (let attempt = 0; attempt < 3; attempt++) await timed.lockout.recordFailure(resource, timed.user._id);
    assert.equal(await timed.lockout.isLocked(resource, timed.user._id), true);
    assert.deepEqual(await timed.lockout.unlock('alpha_user', timed.user._id), { unlocked: true });
    assert.equal(await timed.lockout.isLocked(resource, timed.user._id), false);
    assert.equal((await timed.identity.getUser('alpha_user', timed.user._id))?.meta.lockoutCount, 0);
    assert.deepEqual(await timed.lockout.unlock('alpha_user', timed.user._id), { unlocked: false }, 'nothing left to unlock');
    assert.equal(await timed.lockout.unlock('alpha_user', 'nobody'), undefined);

    const persistent = await withRealm('alpha', { durationMinutes: 0 });
    for (let attempt = 0; attempt < 3; attempt++) await persistent.lockout.recordFailure(resource, persistent.user._id);
    assert.deepEqual(await persistent.lockout.unlock('alpha_user', persistent.user._id), { unlocked: true });
    assert.equal((await persistent.identity.getUser('alpha_user', persistent.user._id))?.attributes.accountStatus, 'active');

    await persistent.identity.setAccountStatus('alpha_user', persistent.admin._id, 'inactive');
    assert.deepEqual(await persistent.lockout.unlock('alpha_user', persistent.admin._id), { unlocked: false });
    assert.equal((await persistent.identity.getUser('alpha_user', persistent.admin._id))?.attributes.accountStatus, 'inactive');
  });

  it('a lock ends by the service clock, whatever the store does with its entry', async () => {
    const fixture = createIdentityFixture();
    let now = Date.UTC(2030, 0, 1);
    const lockout = createLockoutService({ identity: fixture.identity, ephemeral: fixture.store.ephemeral, settingsFor: async () => ({ ...base, durationMinutes: 15 }), clock: { now: () => now } });
    const alice = await fixture.identity.createUser('alpha_user', ALICE);
    for (let attempt = 0; attempt < 3; attempt++) await lockout.recordFailure(resource, alice._id);
    assert.equal(await lockout.isLocked(resource, alice._id), true);
    now += 15 * MINUTE;
    assert.equal(await lockout.isLocked(resource, alice._id), false, 'the store (on its own clock) still holds the entry');
  });
});
