/**
 * The password checks on the memory store: by name (sign-ins, IDM headers) and by id
 * (re-authentication), through the real guard and lockout, with the hasher counted.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LockoutSettings } from '../config/realm-config.ts';
import { createCredentialGuard } from './credential-guard.ts';
import { createLockoutService } from './lockout-service.ts';
import { createPasswordChecks } from './password-checks.ts';
import { createPasswordHasher } from './password-hasher.ts';
import type { PasswordHasher } from './password-hasher.ts';
import { ALICE, createIdentityFixture, FAST_ARGON2 } from './testing/identity-fixture.ts';

const lockoutSettings: LockoutSettings = { enabled: true, failureCount: 3, failureWindowMinutes: 5, durationMinutes: 15, durationMultiplier: 1, warnUserCount: 2 };

async function setup() {
  const real = createPasswordHasher(FAST_ARGON2);
  let verified = 0;
  const hasher: PasswordHasher = { ...real, verify: (stored, password) => (verified++, real.verify(stored, password)), dummyVerify: (password) => (verified++, real.dummyVerify(password)) };
  const fixture = createIdentityFixture({ hasher });
  const realmOf = async () => ({ name: 'alpha', throttling: { clientFailures: 0, clientWindowSeconds: 60, administratorFailures: 5, administratorWindowMinutes: 15 } });
  const lockout = createLockoutService({ identity: fixture.identity, ephemeral: fixture.store.ephemeral, settingsFor: async () => lockoutSettings, realmOf, clock: fixture.clock });
  const guard = createCredentialGuard({ ephemeral: fixture.store.ephemeral, clock: fixture.clock, realmOf });
  const checks = createPasswordChecks({ identity: fixture.identity, lockout, guard });
  const alice = await fixture.identity.createUser('alpha_user', ALICE);
  return { ...fixture, checks, alice, verified: () => verified };
}

describe('password checks', () => {
  it('by name: verified with the account; wrong and unknown alike, warnings included; locked at the count, the right password then refused unverified', async () => {
    const t = await setup();
    assert.equal((await t.checks.checkPassword('alpha_user', 'ALICE', 'Wonderland1', '192.0.2.1')).outcome, 'verified');
    const answers = [];
    for (const name of ['alice', 'nobody']) {
      const run = [];
      for (let attempt = 0; attempt < 3; attempt++) run.push(await t.checks.checkPassword('alpha_user', name, 'wrong', '192.0.2.1'));
      answers.push(run);
    }
    assert.deepEqual(answers[0], [{ outcome: 'wrong', remaining: undefined }, { outcome: 'wrong', remaining: 1 }, { outcome: 'locked' }]);
    assert.deepEqual(answers[1], answers[0]);
    const before = t.verified();
    assert.deepEqual(await t.checks.checkPassword('alpha_user', 'alice', 'Wonderland1', '192.0.2.1'), { outcome: 'locked' });
    assert.equal(t.verified(), before);
  });

  it('by id (re-authentication): the same budget as sign-ins', async () => {
    const t = await setup();
    for (let attempt = 0; attempt < 3; attempt++) await t.checks.checkUserPassword('alpha_user', t.alice._id, 'wrong', '192.0.2.1');
    assert.deepEqual(await t.checks.checkPassword('alpha_user', 'alice', 'Wonderland1', '192.0.2.2'), { outcome: 'locked' });
  });

  it('an inactive account: locked only for its right password', async () => {
    const t = await setup();
    await t.identity.setAccountStatus('alpha_user', t.alice._id, 'inactive');
    assert.deepEqual(await t.checks.checkUserPassword('alpha_user', t.alice._id, 'wrong', '192.0.2.1'), { outcome: 'wrong', remaining: undefined });
    assert.deepEqual(await t.checks.checkUserPassword('alpha_user', t.alice._id, 'Wonderland1', '192.0.2.1'), { outcome: 'locked' });
  });
});
