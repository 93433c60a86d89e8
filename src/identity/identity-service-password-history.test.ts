/** Password history on the identity service's writes (journeys' Patch Object goes through `patchUser`). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PolicyValidationResult } from '../policy/policy-types.ts';
import { defaultManagedConfig } from './default-user-schema.ts';
import { isIdentityError } from './errors.ts';
import type { ManagedConfig } from './managed-schema.ts';
import { ALICE, createIdentityFixture } from './testing/identity-fixture.ts';

/** The default managed config with `is-new {historyLength}` on alpha_user's password. */
function withIsNew(historyLength: number): ManagedConfig {
  const managed = defaultManagedConfig();
  const password = managed.objects.find((object) => object.name === 'alpha_user')?.schema.properties.password;
  assert.ok(password !== undefined);
  password.policies = [...(password.policies ?? []), { policyId: 'is-new', params: { historyLength } }];
  return managed;
}

async function setup(managed?: ManagedConfig) {
  const fixture = createIdentityFixture();
  if (managed !== undefined) await fixture.configs.put('managed', managed);
  const alice = await fixture.identity.createUser('alpha_user', ALICE);
  const stored = async () => {
    const found = await fixture.objects.get('alpha_user', alice._id);
    assert.ok(found !== undefined);
    return found;
  };
  /** The passwords the stored history holds, in its order (checked against the test's candidates). */
  const historyPasswords = async (candidates: string[]): Promise<string[]> => {
    const history = (await stored()).meta.passwordHistory;
    if (history === undefined) return [];
    assert.ok(Array.isArray(history));
    const passwords: string[] = [];
    for (const hash of history) {
      const matches = [];
      for (const candidate of candidates) if ((await fixture.hasher.verify(String(hash), candidate)).ok) matches.push(candidate);
      passwords.push(matches.join('|') || '?');
    }
    return passwords;
  };
  const patchPassword = (password: string) => fixture.identity.patchUser('alpha_user', alice._id, { password });
  return { ...fixture, alice, stored, historyPasswords, patchPassword };
}

async function setupWithVerify(historyLength: number) {
  const context = await setup(withIsNew(historyLength));
  const verifyAlice = (password: string) => context.identity.verifyPassword('alpha_user', context.alice._id, password);
  return { ...context, verifyAlice };
}

function isNewRefusal(error: unknown, historyLength: number): void {
  assert.ok(isIdentityError(error, 'POLICY_VALIDATION_FAILED'), `expected a policy failure, got ${String(error)}`);
  assert.deepStrictEqual((error.detail as PolicyValidationResult).failedPolicyRequirements, [
    { property: 'password', policyRequirements: [{ policyRequirement: 'IS_NEW', params: { historyLength } }] },
  ]);
}

const PASSWORDS = [ALICE.password as string, 'Looking-Glass2', 'Third-Pass3', 'Fourth-Pass4'];

describe('identity service: password history (is-new)', () => {
  it('is off by default: no history is kept and an old password may come back', async () => {
    const { patchPassword, stored, historyPasswords } = await setup();
    await patchPassword('Looking-Glass2');
    await patchPassword(ALICE.password as string);
    assert.deepStrictEqual(await historyPasswords(PASSWORDS), []);
    assert.equal('passwordHistory' in (await stored()).meta, false);
  });

  it('pushes the replaced hash on each change, trims to historyLength − 1 and refuses the last historyLength passwords', async () => {
    const { patchPassword, historyPasswords, verifyAlice } = await setupWithVerify(3);
    const updated = await patchPassword('Looking-Glass2');
    assert.equal('passwordHistory' in updated.meta, false, 'views never carry the history');
    assert.deepStrictEqual(await historyPasswords(PASSWORDS), [PASSWORDS[0]]);
    isNewRefusal(await patchPassword('Looking-Glass2').catch((e: unknown) => e), 3);
    isNewRefusal(await patchPassword(ALICE.password as string).catch((e: unknown) => e), 3);
    await patchPassword('Third-Pass3');
    assert.deepStrictEqual(await historyPasswords(PASSWORDS), ['Looking-Glass2', PASSWORDS[0]]);
    await patchPassword('Fourth-Pass4');
    assert.deepStrictEqual(await historyPasswords(PASSWORDS), ['Third-Pass3', 'Looking-Glass2']);
    assert.equal(await verifyAlice('Fourth-Pass4'), true);
    await patchPassword(ALICE.password as string);
    assert.equal(await verifyAlice(ALICE.password as string), true, 'older than the last 3 passwords: allowed again');
  });

  it('keeps the history on writes that leave the password alone, and drops it once the policy is off', async () => {
    const { identity, configs, alice, patchPassword, historyPasswords, stored } = await setupWithVerify(2);
    await patchPassword('Looking-Glass2');
    await identity.patchUser('alpha_user', alice._id, { sn: 'Pleasance' });
    await identity.incrementLoginCount('alpha_user', alice._id);
    assert.deepStrictEqual(await historyPasswords(PASSWORDS), [PASSWORDS[0]]);
    await configs.put('managed', defaultManagedConfig());
    await identity.patchUser('alpha_user', alice._id, { sn: 'Liddell' });
    assert.equal('passwordHistory' in (await stored()).meta, false);
    assert.equal((await stored()).meta.loginCount, 1);
  });
});
