/**
 * The session service on the memory ephemeral store with a manual clock: a touch never undoes a
 * logout, ending a user's sessions ends exactly theirs (including one being created at that very
 * moment), the ended generation outlives every session it ended, sessions created afterwards keep
 * their full lifetime, and sessions stored before generations existed still work.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { SessionSettings } from '../config/realm-config.ts';
import type { ManualClock } from '../store/contract/manual-clock.ts';
import { manualClock } from '../store/contract/manual-clock.ts';
import type { EphemeralStore } from '../store/ephemeral-store.ts';
import { memoryEphemeralStore } from '../store/memory/memory-ephemeral-store.ts';
import { interceptCalls } from '../store/memory/testing/intercept-calls.ts';
import { isSessionError } from './errors.ts';
import type { NewSession, SessionService } from './session-service.ts';
import { createSessionService } from './session-service.ts';

const MINUTE = 60_000;
const SETTINGS: SessionSettings = { maxIdleMinutes: 30, maxSessionMinutes: 120 };
const REMEMBER = SETTINGS.maxSessionMinutes * MINUTE;

function sessionOf(userId: string, userType = 'user'): NewSession {
  return { realm: 'root', userId, username: userId, userType, authLevel: 0, tree: 'Login', properties: {} };
}

function setup(wrap: (ephemeral: EphemeralStore) => EphemeralStore = (ephemeral) => ephemeral): { clock: ManualClock; ephemeral: EphemeralStore; sessions: SessionService } {
  const clock = manualClock();
  const ephemeral = memoryEphemeralStore(clock);
  return { clock, ephemeral, sessions: createSessionService({ ephemeral: wrap(ephemeral), clock }) };
}

describe('session service: touch and logout', () => {
  it('a touch whose read came before a logout does not write the session back', async () => {
    let logoutDuringTouch: (() => Promise<unknown>) | undefined;
    const { sessions } = setup((ephemeral) =>
      interceptCalls(ephemeral, {
        // The logout lands between the touch's read and its write.
        replaceIfPresent: async () => logoutDuringTouch?.(),
      }),
    );
    const { tokenId } = await sessions.create(sessionOf('u1'), SETTINGS);
    logoutDuringTouch = () => sessions.logout(tokenId);
    assert.equal(await sessions.validate(tokenId, { touch: true }), undefined, 'the touch that lost to the logout answers no session');
    logoutDuringTouch = undefined;
    assert.equal(await sessions.validate(tokenId), undefined, 'the logout stuck');
  });

  it('a touch resets the idle timer up to the maximum lifetime', async () => {
    const { clock, sessions } = setup();
    const { tokenId } = await sessions.create(sessionOf('u1'), SETTINGS);
    clock.advance(29 * MINUTE);
    assert.ok(await sessions.validate(tokenId, { touch: true }));
    clock.advance(29 * MINUTE);
    assert.ok(await sessions.validate(tokenId), 'alive: touched 29 minutes ago');
    clock.advance(2 * MINUTE);
    assert.equal(await sessions.validate(tokenId), undefined, 'idle for 31 minutes');
  });
});

describe('session service: ending every session of a user', () => {
  it('ends every session of that user on every token, and no one else’s; sessions created afterwards work', async () => {
    const { sessions } = setup();
    const first = await sessions.create(sessionOf('u1'), SETTINGS);
    const second = await sessions.create(sessionOf('u1'), SETTINGS);
    const sameIdOtherType = await sessions.create(sessionOf('u1', 'alpha_user'), SETTINGS);
    const otherUser = await sessions.create(sessionOf('u2'), SETTINGS);
    await sessions.endSessionsOf('user', 'u1', REMEMBER);
    assert.equal(await sessions.validate(first.tokenId), undefined);
    assert.equal(await sessions.validate(second.tokenId, { touch: true }), undefined);
    assert.ok(await sessions.validate(sameIdOtherType.tokenId), 'another managed type is another user');
    assert.ok(await sessions.validate(otherUser.tokenId));
    const after = await sessions.create(sessionOf('u1'), SETTINGS);
    assert.ok(await sessions.validate(after.tokenId, { touch: true }));
    await sessions.endSessionsOf('user', 'u1', REMEMBER);
    assert.equal(await sessions.validate(after.tokenId), undefined, 'a second ending ends the sessions made after the first');
  });

  it('race: a session being created while the user’s sessions end is dead', async () => {
    let endDuringCreate: (() => Promise<unknown>) | undefined;
    const { sessions } = setup((ephemeral) =>
      interceptCalls(ephemeral, {
        // The ending lands between the creation's read of the generation and its write.
        put: async (key) => (key.startsWith('session:') ? endDuringCreate?.() : undefined),
      }),
    );
    endDuringCreate = () => sessions.endSessionsOf('user', 'u1', REMEMBER);
    const { tokenId } = await sessions.create(sessionOf('u1'), SETTINGS);
    endDuringCreate = undefined;
    assert.equal(await sessions.validate(tokenId), undefined);
  });

  it('an ended session stays dead until it would have expired anyway; one created afterwards keeps its whole lifetime', async () => {
    const { clock, sessions } = setup();
    // Idle as long as the maximum: an untouched session lives its whole 120 minutes.
    const settings: SessionSettings = { maxIdleMinutes: 120, maxSessionMinutes: 120 };
    const ended = await sessions.create(sessionOf('u1'), settings); // lives until minute 120
    const atMinute = (minute: number): void => clock.set(ended.session.createdAt + minute * MINUTE);
    atMinute(10);
    await sessions.endSessionsOf('user', 'u1', REMEMBER); // remembered until minute 130
    atMinute(11);
    const later = await sessions.create(sessionOf('u1'), settings); // lives until minute 131
    for (const minute of [36, 61, 86, 111]) {
      atMinute(minute);
      assert.ok(await sessions.validate(later.tokenId, { touch: true }), `the later session died at minute ${minute}`);
    }
    // Presented for the first time (a presented ended session is also deleted) one minute before
    // its own end: only the remembered generation stops it.
    atMinute(119);
    assert.equal(await sessions.validate(ended.tokenId), undefined, 'the ended session came back');
    // Minute 130.5: the generation is forgotten; the later session still has half a minute.
    atMinute(130.5);
    assert.ok(await sessions.validate(later.tokenId), 'the later session was cut short when the generation was forgotten');
    atMinute(131);
    assert.equal(await sessions.validate(later.tokenId), undefined, 'the later session ends at its maximum');
  });

  it('refuses to remember an ending for no time: a typed INVALID_REVOCATION_PERIOD', async () => {
    const { sessions } = setup();
    for (const period of [0, -1, Number.NaN]) {
      await assert.rejects(sessions.endSessionsOf('user', 'u1', period), (error) => isSessionError(error, 'INVALID_REVOCATION_PERIOD'));
    }
  });

  it('sessions stored before generations existed work until the user’s sessions are ended', async () => {
    const { clock, ephemeral, sessions } = setup();
    const tokenId = 'an-older-token';
    const key = `session:${createHash('sha256').update(tokenId).digest('base64url')}`;
    const now = clock.now();
    const older = { ...sessionOf('u1'), handle: 'h', createdAt: now, lastAccessAt: now, maxExpiresAt: now + 120 * MINUTE, maxIdleMs: 30 * MINUTE };
    await ephemeral.put(key, JSON.stringify(older), 30 * MINUTE);
    assert.equal((await sessions.validate(tokenId, { touch: true }))?.userId, 'u1');
    await sessions.endSessionsOf('user', 'u1', REMEMBER);
    assert.equal(await sessions.validate(tokenId), undefined);
  });
});

describe('session service: end listeners', () => {
  it('tells the listeners of a session ended by logout or by handle, once, and a failing listener fails no logout', async () => {
    const { sessions } = setup();
    const told: string[] = [];
    sessions.onEnded(async () => {
      throw new Error('a listener that fails');
    });
    sessions.onEnded(async (ended) => void told.push(`${ended.userId}:${ended.handle}`));
    const first = await sessions.create(sessionOf('u1'), SETTINGS);
    const second = await sessions.create(sessionOf('u1'), SETTINGS);
    assert.equal(await sessions.logout(first.tokenId), true);
    assert.equal(await sessions.logout(first.tokenId), false, 'a second logout finds nothing');
    assert.equal(await sessions.logoutByHandle('user', 'u1', second.session.handle), true);
    assert.deepEqual(told, [`u1:${first.session.handle}`, `u1:${second.session.handle}`]);
  });
});
