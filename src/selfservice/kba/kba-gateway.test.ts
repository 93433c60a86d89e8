/** The KBA gateway: settings, hashing through it, and the per-user verification lockout. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPasswordHasher } from '../../identity/password-hasher.ts';
import { openMemoryStore } from '../../store/memory/open-memory-store.ts';
import { configsWith } from '../../store/memory/testing/configs-with.ts';
import { defaultKbaConfig } from './default-kba-config.ts';
import { createKbaAnswerHasher } from './kba-answer-hasher.ts';
import { KBA_ATTEMPT_WINDOW_MS, createKbaGateway } from './kba-gateway.ts';
import { KBA_CONFIG_ID } from './kba-config.ts';

const USERS = 'managed/alpha_user';

async function setup(config: Record<string, unknown> | undefined = { ...defaultKbaConfig(), numberOfAttemptsAllowed: 3 }) {
  let now = 1_700_000_000_000;
  const clock = { now: () => now, advance: (ms: number) => void (now += ms) };
  const store = openMemoryStore({ clock });
  const configs = await configsWith(config === undefined ? {} : { [KBA_CONFIG_ID]: config }, store);
  const kba = createKbaGateway({
    configs,
    ephemeral: store.ephemeral,
    answers: createKbaAnswerHasher(createPasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 })),
  });
  return { kba, configs, clock };
}

describe('KBA gateway', () => {
  it('reads the settings from selfservice.kba, or the defaults when none is stored', async () => {
    const { kba, configs } = await setup(undefined);
    const defaults = defaultKbaConfig();
    assert.deepEqual(await kba.settings(), {
      questions: defaults.questions,
      minimumAnswersToDefine: 2,
      minimumAnswersToVerify: 1,
      kbaPropertyName: 'kbaInfo',
      numberOfAttemptsAllowed: defaults.numberOfAttemptsAllowed,
    });
    await configs.put(KBA_CONFIG_ID, { ...defaults, kbaPropertyName: 'securityAnswers', minimumAnswersToVerify: 2 });
    const changed = await kba.settings();
    assert.equal(changed.kbaPropertyName, 'securityAnswers');
    assert.equal(changed.minimumAnswersToVerify, 2);
  });

  it('hashes and verifies answers', async () => {
    const { kba } = await setup();
    const stored = await kba.hashAnswer('Acme Corp');
    assert.equal(JSON.stringify(stored).toLowerCase().includes('acme'), false);
    assert.equal(await kba.verifyAnswer(stored, ' acme corp'), true);
    assert.equal(await kba.verifyAnswer(stored, 'acme'), false);
  });

  it('locks a user after numberOfAttemptsAllowed failures, per user, until reset', async () => {
    const { kba } = await setup();
    assert.equal(await kba.isLocked(USERS, 'u1'), false);
    assert.equal(await kba.recordFailure(USERS, 'u1'), false);
    assert.equal(await kba.recordFailure(USERS, 'u1'), false);
    assert.equal(await kba.isLocked(USERS, 'u1'), false);
    assert.equal(await kba.recordFailure(USERS, 'u1'), true, 'the third failure locks');
    assert.equal(await kba.isLocked(USERS, 'u1'), true);
    assert.equal(await kba.recordFailure(USERS, 'u1'), true, 'stays locked');
    assert.equal(await kba.isLocked(USERS, 'u2'), false, 'another user is not affected');
    assert.equal(await kba.isLocked('managed/user', 'u1'), false, 'nor the same id of another type');
    await kba.reset(USERS, 'u1');
    assert.equal(await kba.isLocked(USERS, 'u1'), false);
    assert.equal(await kba.recordFailure(USERS, 'u1'), false, 'counting starts again after a reset');
  });

  it('forgets failures once the window since the first one has passed', async () => {
    const { kba, clock } = await setup();
    for (let i = 0; i < 3; i++) await kba.recordFailure(USERS, 'u1');
    assert.equal(await kba.isLocked(USERS, 'u1'), true);
    clock.advance(KBA_ATTEMPT_WINDOW_MS - 1);
    assert.equal(await kba.isLocked(USERS, 'u1'), true);
    clock.advance(1);
    assert.equal(await kba.isLocked(USERS, 'u1'), false);
  });

  it('never locks when numberOfAttemptsAllowed is 0 (IDM’s unlimited)', async () => {
    const { kba } = await setup({ ...defaultKbaConfig(), numberOfAttemptsAllowed: 0 });
    for (let i = 0; i < 20; i++) assert.equal(await kba.recordFailure(USERS, 'u1'), false);
    assert.equal(await kba.isLocked(USERS, 'u1'), false);
  });

  it('applies a lowered limit to failures already counted', async () => {
    const { kba, configs } = await setup({ ...defaultKbaConfig(), numberOfAttemptsAllowed: 5 });
    await kba.recordFailure(USERS, 'u1');
    await kba.recordFailure(USERS, 'u1');
    assert.equal(await kba.isLocked(USERS, 'u1'), false);
    await configs.put(KBA_CONFIG_ID, { ...defaultKbaConfig(), numberOfAttemptsAllowed: 2 });
    assert.equal(await kba.isLocked(USERS, 'u1'), true);
  });
});
