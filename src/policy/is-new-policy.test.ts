import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPolicyError } from './errors.ts';
import { isNewPolicy } from './is-new-policy.ts';
import { runPolicy } from './testing/run-policy.ts';

/** Hashes are `hash:<password>` here; the fake verifier records what it compared. */
function history(...passwords: string[]) {
  const compared: string[] = [];
  return {
    compared,
    context: {
      storedHashes: async (property: string) => (property === 'password' ? passwords.map((password) => `hash:${password}`) : []),
      verifyPassword: async (hash: string, candidate: string) => (compared.push(hash), hash === `hash:${candidate}`),
    },
  };
}

describe('is-new', () => {
  it('fails with IS_NEW {historyLength} for the current password or one of the historyLength − 1 before it', async () => {
    const { context } = history('Current1', 'Older1', 'Oldest1');
    for (const reused of ['Current1', 'Older1', 'Oldest1']) {
      assert.deepStrictEqual(await runPolicy(isNewPolicy, reused, { historyLength: 3 }, { property: 'password', context }), [{ policyRequirement: 'IS_NEW', params: { historyLength: 3 } }]);
    }
  });

  it('passes a new password, and one older than the last historyLength', async () => {
    const { context, compared } = history('Current1', 'Older1', 'Oldest1');
    assert.deepStrictEqual(await runPolicy(isNewPolicy, 'Brand-new1', { historyLength: 3 }, { property: 'password', context }), []);
    assert.deepStrictEqual(await runPolicy(isNewPolicy, 'Oldest1', { historyLength: 2 }, { property: 'password', context }), []);
    assert.deepStrictEqual(compared.slice(3), ['hash:Current1', 'hash:Older1'], 'only the last historyLength hashes are checked');
  });

  it('passes without history (a new object) and for absent or empty values', async () => {
    const { context } = history();
    assert.deepStrictEqual(await runPolicy(isNewPolicy, 'Anything1', { historyLength: 4 }, { property: 'password', context }), []);
    assert.deepStrictEqual(await runPolicy(isNewPolicy, '', { historyLength: 4 }, { property: 'password', context: history('').context }), []);
    assert.equal(isNewPolicy.validateOnlyIfPresent, true);
    assert.deepStrictEqual(isNewPolicy.policyRequirements, ['IS_NEW']);
  });

  it('refuses a historyLength that is not an integer of at least 1', async () => {
    for (const params of [{}, { historyLength: 0 }, { historyLength: '4' }, { historyLength: 1.5 }]) {
      await assert.rejects(runPolicy(isNewPolicy, 'Secret123', params, { property: 'password' }), (error) => isPolicyError(error, 'INVALID_POLICY_PARAMS'));
    }
  });
});
