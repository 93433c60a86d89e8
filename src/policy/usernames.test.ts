import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultUserObject } from '../identity/default-user-schema.ts';
import { hasForbiddenUsernameCharacter, isUsernameProperty, normalizeUsername, normalizeUsernames, usernameLength } from './usernames.ts';

describe('usernames', () => {
  it('normalizes to NFKC and trims spaces, silently', () => {
    assert.equal(normalizeUsername('Jose\u0301'), 'Jos\u00e9');
    assert.equal(normalizeUsername('\uff2a\uff4f\uff53\u00e9'), 'Jos\u00e9', 'fullwidth');
    assert.equal(normalizeUsername('\u00a0 bob\u3000'), 'bob', 'no-break and ideographic spaces');
    assert.equal(normalizeUsername('\ufb01ne'), 'fine', 'a ligature');
    assert.equal(normalizeUsername('bob\n'), 'bob\n', 'control characters are left for the policy to refuse');
    assert.equal(normalizeUsername('\ufeffbob'), '\ufeffbob');
  });

  it('finds control, invisible, separator, private-use and unassigned characters', () => {
    for (const name of ['a\u0000', 'a\r\nb', 'a\tb', 'a\u200bb', 'a\u200db', '\u202ea', 'a\u2066', 'a\u00ad', 'a\ufeff', 'a\u2028', 'a\u2029', 'a\ue000', 'a\u{10ffff}', 'a\ud800', 'a\u3164', 'a\ufe0f', 'a\u034f']) {
      assert.equal(hasForbiddenUsernameCharacter(normalizeUsername(name)), true, JSON.stringify(name));
    }
    for (const name of ['bob', 'Jos\u00e9', 'zo\u00eb.smith+1@example.com', '\u5f20\u4f1f', '\u0645\u062d\u0645\u062f', 'o\u2019brien', 'bob smith', '\u{1f600}']) {
      assert.equal(hasForbiddenUsernameCharacter(normalizeUsername(name)), false, name);
    }
  });

  it('counts code points, and knows which properties are usernames', () => {
    assert.equal(usernameLength('\u{1f600}'.repeat(3)), 3);
    const { schema } = defaultUserObject('alpha_user');
    assert.equal(isUsernameProperty('userName', schema.properties.userName), true);
    assert.equal(isUsernameProperty('mail', schema.properties.mail), false);
    assert.equal(isUsernameProperty('login', { policies: [{ policyId: 'valid-username' }] }), true);
    assert.deepEqual(normalizeUsernames(schema, { userName: ' Zoe\u0308', givenName: ' Zoe\u0308' }), { userName: 'Zo\u00eb', givenName: ' Zoe\u0308' });
    const same = { userName: 'bob' };
    assert.equal(normalizeUsernames(schema, same), same);
  });
});
