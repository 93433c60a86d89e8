import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultUserObject } from './default-user-schema.ts';
import type { ManagedObjectSchema } from './managed-schema.ts';
import { historyLengthOf, metaWithPasswordHistory, passwordHistoryLength, publicMeta, storedPasswordHashes } from './password-history.ts';

function withPasswordPolicies(policies: { policyId: string; params?: Record<string, unknown> }[]): ManagedObjectSchema {
  const { schema } = defaultUserObject('alpha_user');
  const password = schema.properties.password;
  assert.ok(password !== undefined);
  return { ...schema, properties: { ...schema.properties, password: { ...password, policies: [...(password.policies ?? []), ...policies] } } };
}

describe('password history', () => {
  it('is off by default: the default schema has no is-new policy', () => {
    assert.equal(passwordHistoryLength(defaultUserObject('alpha_user').schema), 0);
  });

  it('takes the largest usable historyLength of the is-new policies on password', () => {
    assert.equal(passwordHistoryLength(withPasswordPolicies([{ policyId: 'is-new', params: { historyLength: 4 } }])), 4);
    assert.equal(passwordHistoryLength(withPasswordPolicies([{ policyId: 'is-new', params: { historyLength: 2 } }, { policyId: 'is-new', params: { historyLength: 5 } }])), 5);
    assert.equal(passwordHistoryLength(withPasswordPolicies([{ policyId: 'is-new', params: { historyLength: 'x' } }])), 0);
    assert.equal(historyLengthOf({ historyLength: 0 }), undefined);
    assert.equal(historyLengthOf({ historyLength: 2.5 }), undefined);
    assert.equal(historyLengthOf({ historyLength: 3 }), 3);
  });

  it('pushes the replaced hash first and keeps historyLength − 1 previous hashes', () => {
    const meta = { createDate: 'c', passwordHistory: ['h2', 'h1'] };
    assert.deepStrictEqual(metaWithPasswordHistory(meta, 4, 'h3'), { createDate: 'c', passwordHistory: ['h3', 'h2', 'h1'] });
    assert.deepStrictEqual(metaWithPasswordHistory(meta, 3, 'h3'), { createDate: 'c', passwordHistory: ['h3', 'h2'] });
    assert.deepStrictEqual(metaWithPasswordHistory(meta, 3, undefined), { createDate: 'c', passwordHistory: ['h2', 'h1'] });
    assert.deepStrictEqual(metaWithPasswordHistory({}, 2, 'h1'), { passwordHistory: ['h1'] });
    assert.deepStrictEqual(meta.passwordHistory, ['h2', 'h1'], 'the stored meta is not changed in place');
  });

  it('keeps none, and drops what is stored, when the policy is off or checks the current password only', () => {
    assert.deepStrictEqual(metaWithPasswordHistory({ loginCount: 2, passwordHistory: ['h1'] }, 0, 'h2'), { loginCount: 2 });
    assert.deepStrictEqual(metaWithPasswordHistory({ passwordHistory: ['h1'] }, 1, 'h2'), {});
  });

  it('lists the stored hashes newest first: the current one, then the history', () => {
    assert.deepStrictEqual(storedPasswordHashes({ data: { password: 'h3' }, meta: { passwordHistory: ['h2', 7, 'h1'] } }), ['h3', 'h2', 'h1']);
    assert.deepStrictEqual(storedPasswordHashes({ data: {}, meta: {} }), []);
  });

  it('publicMeta drops the history and nothing else', () => {
    assert.deepStrictEqual(publicMeta({ createDate: 'c', passwordHistory: ['h1'], loginCount: 1 }), { createDate: 'c', loginCount: 1 });
  });
});
