/**
 * The credential guard on the memory store (the real ephemeral semantics, a manual clock): an
 * attempt is reserved before anything is verified, so a burst verifies no more than the budget;
 * a lock is read before and after reserving; the client address is throttled by fixed window,
 * verified attempts given back; a busy hasher is refused before anything is reserved.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ThrottlingSettings } from '../config/realm-config.ts';
import { openMemoryStore } from '../store/memory/open-memory-store.ts';
import { interceptCalls } from '../store/memory/testing/intercept-calls.ts';
import type { AttemptBudget } from './credential-guard.ts';
import { createCredentialGuard } from './credential-guard.ts';
import { isRetryLaterError, retryLaterError } from './retry-later-error.ts';
import { createManualClock } from './testing/manual-clock.ts';

const NO_CLIENT_LIMIT: ThrottlingSettings = { clientFailures: 0, clientWindowSeconds: 60, administratorFailures: 5, administratorWindowMinutes: 15 };

function setup(throttling: ThrottlingSettings = NO_CLIENT_LIMIT, hashing?: { saturated(): boolean }) {
  const clock = createManualClock(Date.UTC(2025, 0, 1, 12, 0, 30));
  const store = openMemoryStore({ clock });
  const guard = createCredentialGuard({ ephemeral: store.ephemeral, clock, realmOf: async () => ({ name: 'alpha', throttling }), ...(hashing === undefined ? {} : { hashing }) });
  let locked = false;
  const events: string[] = [];
  const budget = (overrides: Partial<AttemptBudget> = {}): AttemptBudget => ({
    key: 'test:attempts:u1',
    limit: 3,
    windowMs: 60_000,
    refusal: 'locked',
    isLocked: async () => locked,
    lock: async () => (events.push('lock'), (locked = true)),
    clear: async () => void events.push('clear'),
    ...overrides,
  });
  let verified = 0;
  const verify = (result: boolean) => async () => (verified++, result);
  return { clock, store, guard, budget, events, verify, verified: () => verified, setLocked: (value: boolean) => void (locked = value) };
}

describe('credential guard: the account budget', () => {
  it('counts failures, locks at the limit, and refuses without verifying while locked', async () => {
    const t = setup();
    const attempt = (result: boolean) => t.guard.attempt({ type: 'alpha_user', clientIp: '192.0.2.1', budget: t.budget(), verify: t.verify(result) });
    assert.deepEqual(await attempt(false), { kind: 'failed', attempt: 1 });
    assert.deepEqual(await attempt(false), { kind: 'failed', attempt: 2 });
    assert.deepEqual(await attempt(false), { kind: 'locked' });
    assert.deepEqual(t.events, ['lock']);
    assert.deepEqual(await attempt(true), { kind: 'locked' });
    assert.equal(t.verified(), 3, 'the right password after the lock was not verified');
  });

  it('a verified attempt clears the failures', async () => {
    const t = setup();
    const attempt = (result: boolean) => t.guard.attempt({ type: 'alpha_user', clientIp: '192.0.2.1', budget: t.budget(), verify: t.verify(result) });
    await attempt(false);
    assert.deepEqual(await attempt(true), { kind: 'verified' });
    assert.deepEqual(t.events, ['clear']);
  });

  it('reserves before verifying: 50 parallel attempts verify no more than the limit', async () => {
    const t = setup();
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => t.guard.attempt({ type: 'alpha_user', clientIp: '192.0.2.1', budget: t.budget(), verify: t.verify(false) })));
    assert.equal(t.verified(), 3);
    // The three failures lock the account; the attempts beyond the limit that ran meanwhile were told to retry.
    const throttled = results.filter((result) => result.status === 'rejected' && isRetryLaterError(result.reason, 'THROTTLED')).length;
    const locked = results.filter((result) => result.status === 'fulfilled' && result.value.kind === 'locked').length;
    assert.equal(throttled + locked, 48);
    assert.ok(locked >= 1, 'the failure that used the last attempt locks');
    assert.equal((await t.guard.attempt({ type: 'alpha_user', clientIp: '192.0.2.1', budget: t.budget(), verify: t.verify(true) })).kind, 'locked', 'afterwards the account is locked');
  });

  it('tells a burst of right passwords beyond the limit to retry, never that the account is locked', async () => {
    const t = setup();
    // As the lockout's budget does: a verified attempt forgets the account's count.
    const budget = () => t.budget({ clear: async () => t.store.ephemeral.delete('test:attempts:u1') });
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => t.guard.attempt({ type: 'alpha_user', clientIp: '192.0.2.1', budget: budget(), verify: t.verify(true) })));
    assert.equal(results.filter((result) => result.status === 'fulfilled' && result.value.kind === 'locked').length, 0);
    assert.ok(results.some((result) => result.status === 'fulfilled' && result.value.kind === 'verified'));
    for (const result of results) if (result.status === 'rejected') assert.ok(isRetryLaterError(result.reason, 'THROTTLED'), String(result.reason));
    assert.equal((await t.guard.attempt({ type: 'alpha_user', clientIp: '192.0.2.1', budget: budget(), verify: t.verify(true) })).kind, 'verified', 'and the next one signs in');
  });

  it('reads the lock again after reserving: an attempt racing a lock just set verifies nothing', async () => {
    const t = setup();
    let reads = 0;
    const budget = t.budget({ isLocked: async () => (reads += 1) > 1 });
    assert.deepEqual(await t.guard.attempt({ type: 'alpha_user', clientIp: '192.0.2.1', budget, verify: t.verify(true) }), { kind: 'locked' });
    assert.equal(t.verified(), 0);
  });

  it('answers a used-up budget with its refusal error (administrators: 429), never a lock', async () => {
    const t = setup();
    const refusal = retryLaterError('THROTTLED', 'slow down', 42);
    const budget = () => t.budget({ limit: 1, refusal, lock: async () => false });
    assert.deepEqual(await t.guard.attempt({ type: 'alpha_user', clientIp: '192.0.2.1', budget: budget(), verify: t.verify(false) }), { kind: 'failed', attempt: 1 });
    await assert.rejects(t.guard.attempt({ type: 'alpha_user', clientIp: '192.0.2.1', budget: budget(), verify: t.verify(true) }), (error) => error === refusal);
  });

  it('without a counter key nothing limits the account; the verification still runs', async () => {
    const t = setup();
    for (let attempt = 0; attempt < 10; attempt++) {
      assert.deepEqual(await t.guard.attempt({ type: 'alpha_user', clientIp: '192.0.2.1', budget: t.budget({ key: undefined }), verify: t.verify(false) }), { kind: 'failed', attempt: undefined });
    }
  });
});

describe('credential guard: the client address', () => {
  const limited: ThrottlingSettings = { ...NO_CLIENT_LIMIT, clientFailures: 3, clientWindowSeconds: 60 };

  it('throttles failures per address with the rest of the fixed window as Retry-After; other addresses go on; a new window starts afresh', async () => {
    const t = setup(limited);
    const attempt = (ip: string, user: string) => t.guard.attempt({ type: 'alpha_user', clientIp: ip, budget: t.budget({ key: `k:${user}`, limit: 100 }), verify: t.verify(false) });
    for (let user = 0; user < 3; user++) assert.equal((await attempt('192.0.2.1', `u${user}`)).kind, 'failed');
    await assert.rejects(attempt('192.0.2.1', 'u9'), (error) => isRetryLaterError(error, 'THROTTLED') && error.retryAfterSeconds === 30);
    assert.equal(t.verified(), 3);
    assert.equal((await attempt('192.0.2.2', 'u9')).kind, 'failed', 'another address');
    t.clock.advance(30_000);
    assert.equal((await attempt('192.0.2.1', 'u9')).kind, 'failed', 'the next window');
  });

  it('counts one IPv6 /64 as one address', async () => {
    const t = setup(limited);
    const attempt = (ip: string) => t.guard.attempt({ type: 'alpha_user', clientIp: ip, budget: t.budget({ key: undefined }), verify: t.verify(false) });
    for (const suffix of ['1', '2', '3']) await attempt(`2001:db8:0:1::${suffix}`);
    await assert.rejects(attempt('2001:db8:0:1:ffff::4'), (error) => isRetryLaterError(error, 'THROTTLED'));
    assert.equal((await attempt('2001:db8:0:2::1')).kind, 'failed');
  });

  it('gives back a verified attempt: successes never throttle an address, and do not pay for failures', async () => {
    const t = setup(limited);
    const attempt = (result: boolean) => t.guard.attempt({ type: 'alpha_user', clientIp: '192.0.2.1', budget: t.budget({ key: undefined }), verify: t.verify(result) });
    for (let index = 0; index < 20; index++) assert.equal((await attempt(true)).kind, 'verified');
    for (let index = 0; index < 3; index++) assert.equal((await attempt(false)).kind, 'failed');
    await assert.rejects(attempt(true), (error) => isRetryLaterError(error, 'THROTTLED'));
  });
});

describe('credential guard: hashing capacity', () => {
  it('refuses with OVERLOADED before reserving anything when the hasher is saturated', async () => {
    let saturated = true;
    const t = setup({ ...NO_CLIENT_LIMIT, clientFailures: 1 }, { saturated: () => saturated });
    const attempt = () => t.guard.attempt({ type: 'alpha_user', clientIp: '192.0.2.1', budget: t.budget(), verify: t.verify(false) });
    for (let index = 0; index < 5; index++) await assert.rejects(attempt(), (error) => isRetryLaterError(error, 'OVERLOADED') && error.retryAfterSeconds === 1);
    saturated = false;
    assert.deepEqual(await attempt(), { kind: 'failed', attempt: 1 }, 'nothing was counted while overloaded');
  });

  it('gives the client address back when the verification itself finds no room', async () => {
    const t = setup({ ...NO_CLIENT_LIMIT, clientFailures: 1 });
    const overloaded = async (): Promise<boolean> => {
      throw retryLaterError('OVERLOADED', 'busy', 1);
    };
    await assert.rejects(t.guard.attempt({ type: 'alpha_user', clientIp: '192.0.2.1', budget: t.budget({ key: undefined }), verify: overloaded }));
    await assert.rejects(t.guard.attempt({ type: 'alpha_user', clientIp: '192.0.2.1', budget: t.budget({ key: undefined }), verify: overloaded }));
    assert.equal((await t.guard.attempt({ type: 'alpha_user', clientIp: '192.0.2.1', budget: t.budget({ key: undefined }), verify: t.verify(false) })).kind, 'failed');
  });
});

describe('credential guard: overload never locks an account', () => {
  it("gives the account's attempt back when the verification finds no room, so overload alone locks nobody", async () => {
    const t = setup();
    const overloaded = async (): Promise<boolean> => {
      throw retryLaterError('OVERLOADED', 'busy', 1);
    };
    // Far more refusals than the budget's three attempts: none of them counts.
    for (let index = 0; index < 10; index++) await assert.rejects(t.guard.attempt({ type: 'alpha_user', clientIp: '192.0.2.1', budget: t.budget(), verify: overloaded }), (error) => isRetryLaterError(error, 'OVERLOADED'));
    assert.deepEqual(await t.guard.attempt({ type: 'alpha_user', clientIp: '192.0.2.1', budget: t.budget(), verify: t.verify(false) }), { kind: 'failed', attempt: 1 }, 'the first wrong password is the first failure');
    assert.deepEqual(await t.guard.attempt({ type: 'alpha_user', clientIp: '192.0.2.1', budget: t.budget(), verify: t.verify(true) }), { kind: 'verified' });
  });
});

describe('credential guard: store calls of the client address', () => {
  it('reads the given-back count only once the attempts pass the limit', async () => {
    const clock = createManualClock(Date.UTC(2025, 0, 1, 12, 0, 30));
    const store = openMemoryStore({ clock });
    const verifiedReads: string[] = [];
    const ephemeral = interceptCalls(store.ephemeral, { get: (key) => void (key.endsWith(':verified') && verifiedReads.push(key)) });
    const guard = createCredentialGuard({ ephemeral, clock, realmOf: async () => ({ name: 'alpha', throttling: { ...NO_CLIENT_LIMIT, clientFailures: 2 } }) });
    const attempt = (verified: boolean) => guard.attempt({ type: 'alpha_user', clientIp: '192.0.2.1', budget: { key: undefined, limit: 5, windowMs: 60_000, refusal: 'locked', isLocked: async () => false, lock: async () => false, clear: async () => {} }, verify: async () => verified });
    assert.equal((await attempt(true)).kind, 'verified');
    assert.equal((await attempt(false)).kind, 'failed');
    assert.equal(verifiedReads.length, 0, 'within the limit whatever was given back');
    assert.equal((await attempt(false)).kind, 'failed', 'the third attempt: one was verified, so two failures');
    assert.equal(verifiedReads.length, 1);
    await assert.rejects(attempt(false), (error) => isRetryLaterError(error, 'THROTTLED'));
  });
});
