/** Failed policies read as sentences in the page's language, naming fields by their titles. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loginText } from './i18n/login-messages.ts';
import { policyMessages } from './policy-messages.ts';

describe('policy messages', () => {
  it('says what a failed policy asks for, in the page’s language', () => {
    const failed = ['{"policyRequirement":"MIN_LENGTH","params":{"minLength":8}}', { policyRequirement: 'AT_LEAST_X_NUMBERS', params: { numNums: 1 } }, { policyRequirement: 'NEW_RULE' }, 'not json'];
    assert.deepEqual(policyMessages(failed, loginText('en')), ['Use at least 8 characters.', 'Use at least 1 number(s).', 'Requirement not met: NEW_RULE.']);
    assert.deepEqual(policyMessages(failed, loginText('nl')), ['Gebruik minstens 8 tekens.', 'Gebruik minstens 1 cijfer(s).', 'Niet voldaan aan vereiste: NEW_RULE.']);
    assert.deepEqual(policyMessages('nothing', loginText('de')), []);
  });

  it('names the fields a value must not contain by their titles, as IDM names one or a list', () => {
    const one = { policyRequirement: 'CANNOT_CONTAIN_OTHERS', params: { disallowedFields: 'userName' } };
    const list = { policyRequirement: 'CANNOT_CONTAIN_OTHERS', params: { disallowedFields: ['givenName', 'nickname'] } };
    assert.deepEqual(policyMessages([one, list], loginText('en')), ['Must not contain your Username.', 'Must not contain your First Name, nickname.']);
    assert.deepEqual(policyMessages([one], loginText('de')), ['Darf Folgendes nicht enthalten: Benutzername.']);
  });
});
