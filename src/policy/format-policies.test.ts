import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { regexpMatchesPolicy, validDatePolicy, validEmailAddressFormatPolicy, validNameFormatPolicy, validPhoneFormatPolicy } from './format-policies.ts';
import { REQUIRED_FAILED, runPolicy } from './testing/run-policy.ts';

describe('regexpMatches', () => {
  const params = { regexp: '^[0-9]+$' };
  it('passes a match, numbers included, and an absent optional value', async () => {
    assert.deepStrictEqual(await runPolicy(regexpMatchesPolicy, '123', params), []);
    assert.deepStrictEqual(await runPolicy(regexpMatchesPolicy, 123, params), []);
    assert.deepStrictEqual(await runPolicy(regexpMatchesPolicy, undefined, params), []);
  });
  it('fails with MATCH_REGEXP carrying regexp, params and flags', async () => {
    assert.equal(JSON.stringify(await runPolicy(regexpMatchesPolicy, 'abc', params)), '[{"policyRequirement":"MATCH_REGEXP","regexp":"^[0-9]+$","params":{"regexp":"^[0-9]+$"}}]');
    assert.deepStrictEqual(await runPolicy(regexpMatchesPolicy, 'ABC', { regexp: '^[a-z]+$', flags: 'u' }), [
      { policyRequirement: 'MATCH_REGEXP', regexp: '^[a-z]+$', params: { regexp: '^[a-z]+$', flags: 'u' }, flags: 'u' },
    ]);
  });
  it('honours flags', async () => assert.deepStrictEqual(await runPolicy(regexpMatchesPolicy, 'ABC', { regexp: '^[a-z]+$', flags: 'i' }), []));
  it('fails a missing value once REQUIRED failed', async () => {
    assert.equal((await runPolicy(regexpMatchesPolicy, undefined, params, { earlierFailures: REQUIRED_FAILED }))[0]?.policyRequirement, 'MATCH_REGEXP');
  });
});

const formats = [
  { policy: validDatePolicy, code: 'VALID_DATE', good: ['2024-05-01', '2024-05-01T10:00:00Z'], bad: ['not a date', '2024-13-45'] },
  { policy: validEmailAddressFormatPolicy, code: 'VALID_EMAIL_ADDRESS_FORMAT', good: ['a@b.co', 'Bjensen@Example.COM'], bad: ['bjensen', 'a@b', '@.'] },
  { policy: validNameFormatPolicy, code: 'VALID_NAME_FORMAT', good: ['Jensen', "O'Brien", 'Anne-Marie Dupré', 'Łukasz Żółć'], bad: ['R2D2', 'a_b', '<script>'] },
  { policy: validPhoneFormatPolicy, code: 'VALID_PHONE_FORMAT', good: ['+32 (2) 555-01-85', '0470123456'], bad: ['+32 abc', '12+34'] },
];

for (const { policy, code, good, bad } of formats) {
  describe(policy.policyId, () => {
    it('passes well-formed values, empty strings and absent optional values', async () => {
      for (const value of [...good, '', undefined]) assert.deepStrictEqual(await runPolicy(policy, value), [], String(value));
    });
    it(`fails with ${code}`, async () => {
      for (const value of bad) assert.deepStrictEqual(await runPolicy(policy, value), [{ policyRequirement: code }], value);
    });
    it('fails an empty value once REQUIRED failed', async () => {
      assert.deepStrictEqual(await runPolicy(policy, '', {}, { earlierFailures: REQUIRED_FAILED }), [{ policyRequirement: code }]);
    });
  });
}
