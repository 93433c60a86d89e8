/**
 * The per-user session list on the memory ephemeral store with a manual clock: a user sees their
 * own live sessions, newest first, and nobody else's; ended, expired and signed-out sessions drop
 * out (and out of the stored list); a session is ended by its handle only by its owner; the list
 * is bounded, lives as long as its longest session and never holds a token; a session the list
 * missed (two created at once) still ends with "sign out everywhere".
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SessionSettings } from '../config/realm-config.ts';
import type { ManualClock } from '../store/contract/manual-clock.ts';
import { manualClock } from '../store/contract/manual-clock.ts';
import type { EphemeralStore } from '../store/ephemeral-store.ts';
import { memoryEphemeralStore } from '../store/memory/memory-ephemeral-store.ts';
import { interceptCalls } from '../store/memory/testing/intercept-calls.ts';
import { SESSION_INDEX_LIMIT } from './session-index.ts';
import type { NewSession, SessionService } from './session-service.ts';
import { createSessionService } from './session-service.ts';

const MINUTE = 60_000;
const SETTINGS: SessionSettings = { maxIdleMinutes: 30, maxSessionMinutes: 120 };
const INDEX_KEY = 'session-index:alpha_user:u1';

function sessionOf(userId: string, tree = 'Login'): NewSession {
  return { realm: 'alpha', userId, username: userId, userType: 'alpha_user', authLevel: 0, tree, properties: {} };
}

function setup(wrap: (ephemeral: EphemeralStore) => EphemeralStore = (ephemeral) => ephemeral): { clock: ManualClock; ephemeral: EphemeralStore; sessions: SessionService } {
  const clock = manualClock();
  const ephemeral = memoryEphemeralStore(clock);
  return { clock, ephemeral, sessions: createSessionService({ ephemeral: wrap(ephemeral), clock }) };
}

describe('session service: the sessions of a user', () => {
  it('lists the user’s live sessions newest first with their journey, and no one else’s; listing touches nothing', async () => {
    const { clock, sessions } = setup();
    const first = await sessions.create(sessionOf('u1'), SETTINGS);
    clock.advance(MINUTE);
    const second = await sessions.create(sessionOf('u1', 'UpdatePassword'), SETTINGS);
    await sessions.create(sessionOf('u2'), SETTINGS);
    await sessions.create({ ...sessionOf('u1'), userType: 'user', realm: 'root' }, SETTINGS);
    clock.advance(MINUTE);
    const listed = await sessions.sessionsOf('alpha_user', 'u1');
    assert.deepEqual(
      listed.map((session) => [session.handle, session.tree, session.createdAt]),
      [
        [second.session.handle, 'UpdatePassword', second.session.createdAt],
        [first.session.handle, 'Login', first.session.createdAt],
      ],
    );
    assert.equal(listed[0]?.lastAccessAt, second.session.lastAccessAt, 'listing did not touch the session');
  });

  it('drops signed-out, idle-expired and ended sessions, from the answer and from the stored list', async () => {
    const { clock, ephemeral, sessions } = setup();
    const signedOut = await sessions.create(sessionOf('u1'), SETTINGS);
    const idle = await sessions.create(sessionOf('u1'), SETTINGS);
    const alive = await sessions.create(sessionOf('u1'), SETTINGS);
    await sessions.logout(signedOut.tokenId);
    clock.advance(20 * MINUTE);
    assert.ok(await sessions.validate(alive.tokenId, { touch: true }));
    clock.advance(15 * MINUTE); // `idle` untouched for 35 minutes
    assert.deepEqual(
      (await sessions.sessionsOf('alpha_user', 'u1')).map((session) => session.handle),
      [alive.session.handle],
    );
    const stored = JSON.parse((await ephemeral.get(INDEX_KEY)) ?? '[]') as { handle: string }[];
    assert.deepEqual(
      stored.map((entry) => entry.handle),
      [alive.session.handle],
      'the dead entries were pruned from the stored list',
    );
    assert.notEqual(idle.session.handle, alive.session.handle);
    await sessions.endSessionsOf('alpha_user', 'u1', SETTINGS.maxSessionMinutes * MINUTE);
    assert.deepEqual(await sessions.sessionsOf('alpha_user', 'u1'), []);
    assert.equal(await ephemeral.get(INDEX_KEY), undefined, 'an empty list is removed');
  });

  it('ends one session by its handle for its owner only', async () => {
    const { sessions } = setup();
    const here = await sessions.create(sessionOf('u1'), SETTINGS);
    const there = await sessions.create(sessionOf('u1'), SETTINGS);
    const other = await sessions.create(sessionOf('u2'), SETTINGS);
    assert.equal(await sessions.logoutByHandle('alpha_user', 'u1', other.session.handle), false, 'another user’s handle ends nothing');
    assert.ok(await sessions.validate(other.tokenId));
    assert.equal(await sessions.logoutByHandle('alpha_user', 'u1', there.session.handle), true);
    assert.equal(await sessions.validate(there.tokenId), undefined, 'the session is over');
    assert.ok(await sessions.validate(here.tokenId), 'the other session lives on');
    assert.equal(await sessions.logoutByHandle('alpha_user', 'u1', there.session.handle), false, 'a second time: nothing to end');
    assert.equal(await sessions.logoutByHandle('alpha_user', 'u1', 'no-such-handle'), false);
  });

  it('keeps the newest sessions up to the limit, lives as long as the longest session, and never stores a token', async () => {
    const { clock, ephemeral, sessions } = setup();
    const tokens: string[] = [];
    for (let count = 0; count < SESSION_INDEX_LIMIT + 2; count++) {
      tokens.push((await sessions.create(sessionOf('u1'), { maxIdleMinutes: 120, maxSessionMinutes: 120 })).tokenId);
      clock.advance(1000);
    }
    const listed = await sessions.sessionsOf('alpha_user', 'u1');
    assert.equal(listed.length, SESSION_INDEX_LIMIT);
    const raw = (await ephemeral.get(INDEX_KEY)) ?? '';
    assert.ok(tokens.every((token) => !raw.includes(token)), 'no token in the stored list');
    assert.ok(await sessions.validate(tokens[0] ?? ''), 'a session past the limit is not listed, but still works');
    clock.advance(119 * MINUTE);
    assert.notEqual(await ephemeral.get(INDEX_KEY), undefined, 'the list lives while its sessions do');
    clock.advance(2 * MINUTE);
    assert.equal(await ephemeral.get(INDEX_KEY), undefined, 'and expires with the last one');
  });

  it('race: of two sessions created at once one may be missing from the list; sign out everywhere still ends it', async () => {
    let createDuringIndexRead: (() => Promise<unknown>) | undefined;
    const { sessions } = setup((ephemeral) =>
      interceptCalls(ephemeral, {
        // The second sign-in runs between the first one's read of the list and its write.
        put: async (key) => {
          if (!key.startsWith('session-index:') || createDuringIndexRead === undefined) return;
          const run = createDuringIndexRead;
          createDuringIndexRead = undefined;
          await run();
        },
      }),
    );
    let concurrent: string | undefined;
    createDuringIndexRead = async () => {
      concurrent = (await sessions.create(sessionOf('u1'), SETTINGS)).tokenId;
    };
    const first = await sessions.create(sessionOf('u1'), SETTINGS);
    assert.ok(concurrent !== undefined);
    assert.equal((await sessions.sessionsOf('alpha_user', 'u1')).length, 1, 'the list missed one of the two');
    assert.ok(await sessions.validate(concurrent));
    await sessions.endSessionsOf('alpha_user', 'u1', SETTINGS.maxSessionMinutes * MINUTE);
    assert.equal(await sessions.validate(first.tokenId), undefined);
    assert.equal(await sessions.validate(concurrent), undefined, 'the unlisted session ended too');
  });
});
