/** The KBA gateway: settings, hashing through it, checks through the credential guard, and the per-user verification lockout. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCredentialGuard } from '../../identity/credential-guard.ts';
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
  const answers = createKbaAnswerHasher(createPasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }));
  /** The answers actually verified (the real hasher's, counted). */
  const verified: string[] = [];
  const counted = { ...answers, verify: (stored: unknown, answer: string) => (verified.push(answer), answers.verify(stored, answer)) };
  const guard = createCredentialGuard({ ephemeral: store.ephemeral, clock, realmOf: async () => ({ name: 'alpha', throttling: { clientFailures: 0, clientWindowSeconds: 60, administratorFailures: 5, administratorWindowMinutes: 15 } }) });
  const kba = createKbaGateway({ configs, ephemeral: store.ephemeral, answers: counted, guard });
  return { kba, configs, clock, verified };
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

  it('hashes answers and checks them: every answer must match; a match clears the failures', async () => {
    const { kba } = await setup();
    const stored = await kba.hashAnswer('Acme Corp');
    const pet = await kba.hashAnswer('Rex');
    assert.equal(JSON.stringify(stored).toLowerCase().includes('acme'), false);
    await kba.recordFailure(USERS, 'u1');
    assert.equal(await kba.checkAnswers(USERS, 'u1', '192.0.2.1', [{ stored, answer: 'acme' }]), 'wrong');
    assert.equal(await kba.checkAnswers(USERS, 'u1', '192.0.2.1', [{ stored, answer: ' acme corp' }, { stored: pet, answer: 'Tom' }]), 'locked', 'the third failure of three');
    assert.equal(await kba.isLocked(USERS, 'u1'), true);
    assert.equal(await kba.checkAnswers(USERS, 'u2', '192.0.2.1', [{ stored, answer: ' acme corp' }, { stored: pet, answer: 'REX' }]), 'verified');
    assert.equal(await kba.checkAnswers(USERS, 'u2', '192.0.2.1', []), 'wrong', 'no answer is no match');
  });

  it('reserves an attempt before verifying anything: a parallel burst verifies no more than the attempts allowed, the right answers included', async () => {
    const { kba, verified } = await setup();
    const stored = await kba.hashAnswer('Acme Corp');
    const burst = Array.from({ length: 30 }, (_, index) => kba.checkAnswers(USERS, 'u1', '192.0.2.1', [{ stored, answer: `guess ${index}` }]));
    const results = await Promise.all([...burst, kba.checkAnswers(USERS, 'u1', '192.0.2.1', [{ stored, answer: 'Acme Corp' }])]);
    assert.ok(verified.length <= 3, `${verified.length} answers verified`);
    assert.equal(results.at(-1), 'locked', 'the right answer, after the attempts were used up, is refused unverified');
    assert.equal(results.filter((result) => result === 'verified').length, 0);
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
