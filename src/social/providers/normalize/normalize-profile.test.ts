/** Built-in profile normalizations (by the script ids ForgeRock configurations carry) and the normalized profile → managed user mapping. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSocialProviderError } from '../provider-errors.ts';
import { normalizeProfile } from './normalize-profile.ts';
import { profileMappingFor, profileToManagedUser } from './profile-to-managed-user.ts';
import { PROFILE_TO_USER_IDS, TRANSFORM_IDS } from './transform-ids.ts';

describe('profile normalization', () => {
  it('maps itsme’s claims (names, email as username; no picture URL needing a token)', () => {
    const raw = { sub: 'itsme-sub-1', name: 'Lieve Peeters', given_name: 'Lieve', family_name: 'Peeters', email: 'lieve@example.be', email_verified: false, picture: 'https://idp.prd.itsme.services/v2/picture', 'http://itsme.services/v2/claim/BEeidSn': 'X' };
    assert.deepEqual(normalizeProfile('3d97c436-42c0-4dd0-a571-ea6f34f752b3', raw), {
      id: 'itsme-sub-1', displayName: 'Lieve Peeters', givenName: 'Lieve', familyName: 'Peeters', email: 'lieve@example.be', emailVerified: false, username: 'lieve@example.be',
    });
  });

  it('maps Google, GitHub (numeric id, login) and Facebook (nested picture)', () => {
    assert.deepEqual(normalizeProfile(TRANSFORM_IDS.google, { sub: '1', name: 'Ada L', given_name: 'Ada', family_name: 'L', picture: 'https://p.example/a.png', email: 'ada@example.com', email_verified: true, locale: 'en' }), {
      id: '1', displayName: 'Ada L', givenName: 'Ada', familyName: 'L', photoUrl: 'https://p.example/a.png', email: 'ada@example.com', emailVerified: true, username: 'ada@example.com', locale: 'en',
    });
    assert.deepEqual(normalizeProfile(TRANSFORM_IDS.gitHub, { id: 583231, login: 'octocat', name: 'The Octocat', avatar_url: 'https://a.example/o.png', email: null }), { id: '583231', displayName: 'The Octocat', photoUrl: 'https://a.example/o.png', username: 'octocat' });
    assert.deepEqual(normalizeProfile(TRANSFORM_IDS.facebook, { id: '10', name: 'Bo B', first_name: 'Bo', last_name: 'B', email: 'bo@example.com', picture: { data: { url: 'https://fb.example/p' } } }), {
      id: '10', displayName: 'Bo B', givenName: 'Bo', familyName: 'B', photoUrl: 'https://fb.example/p', email: 'bo@example.com', username: 'bo@example.com',
    });
  });

  it('maps the other presets’ profiles', () => {
    assert.deepEqual(normalizeProfile(TRANSFORM_IDS.apple, { sub: 'a1', name: { firstName: 'Jo', lastName: 'Ng' } }), { id: 'a1', displayName: 'Jo Ng', givenName: 'Jo', familyName: 'Ng', username: 'a1' });
    assert.equal(normalizeProfile(TRANSFORM_IDS.microsoft, { id: 'm', userPrincipalName: 'u@corp.example', surname: 'S' }).username, 'u@corp.example');
    assert.equal(normalizeProfile(TRANSFORM_IDS.amazon, { user_id: 'amzn1', email: 'a@example.com' }).id, 'amzn1');
    assert.equal(normalizeProfile(TRANSFORM_IDS.salesforce, { user_id: 's1', zoneinfo: 'Europe/Brussels' }).locale, 'Europe/Brussels');
    assert.deepEqual(normalizeProfile(TRANSFORM_IDS.twitter, { data: { id: '99', name: 'X User', username: 'xuser' } }), { id: '99', displayName: 'X User', username: 'xuser' });
    assert.equal(normalizeProfile(TRANSFORM_IDS.twitter, { id_str: '98', screen_name: 'old' }).username, 'old');
    assert.deepEqual(normalizeProfile(TRANSFORM_IDS.vk, { response: [{ id: 7, first_name: 'Ivan', last_name: 'P', photo_50: 'https://vk.example/p' }] }), { id: '7', displayName: 'Ivan', givenName: 'Ivan', familyName: 'P', photoUrl: 'https://vk.example/p' });
    assert.equal(normalizeProfile(TRANSFORM_IDS.weChat, { openid: 'o1', nickname: 'nick' }).username, 'nick');
    assert.equal(normalizeProfile(TRANSFORM_IDS.wordpress, { username: 'wp', display_name: 'W P' }).id, 'wp');
    assert.deepEqual(normalizeProfile(TRANSFORM_IDS.line, { sub: 'U1', name: 'Taro Yamada', email: 't@example.jp' }), { id: 'U1', displayName: 'Taro Yamada', givenName: 'Taro', familyName: 'Yamada', email: 't@example.jp', username: 't@example.jp' });
    assert.equal(normalizeProfile(TRANSFORM_IDS.instagram, { id: '5', username: 'insta' }).username, 'insta');
    assert.equal(normalizeProfile(TRANSFORM_IDS.linkedIn, { sub: 'li', email_verified: true, email: 'l@example.com' }).emailVerified, true);
    assert.equal(normalizeProfile(TRANSFORM_IDS.yahoo, { sub: 'y' }).id, 'y');
  });

  it('refuses an unknown script id, a profile without an account id, and reads own properties only', () => {
    assert.throws(() => normalizeProfile('00000000-0000-0000-0000-000000000000', { sub: 'x' }), (error) => isSocialProviderError(error, 'UNKNOWN_TRANSFORM'));
    assert.throws(() => normalizeProfile(TRANSFORM_IDS.google, { name: 'no id' }), (error) => isSocialProviderError(error, 'PROFILE_INVALID'));
    assert.throws(() => normalizeProfile(TRANSFORM_IDS.google, Object.create({ sub: 'inherited' })), (error) => isSocialProviderError(error, 'PROFILE_INVALID'));
  });

  it('maps the normalized profile onto the managed user (Normalized Profile to Managed User)', () => {
    assert.deepEqual(profileToManagedUser({ id: '1', givenName: 'Ada', familyName: 'L', email: 'ada@example.com', username: 'ada@example.com', phone: '+32 2', addressLocality: 'Gent' }), {
      attributes: { givenName: 'Ada', sn: 'L', mail: 'ada@example.com', userName: 'ada@example.com', city: 'Gent', telephoneNumber: '+32 2' },
      nameEmptyOrNull: false,
    });
    assert.equal(profileToManagedUser({ id: 'a1', username: 'a1' }).nameEmptyOrNull, true);
    assert.deepEqual(profileMappingFor(PROFILE_TO_USER_IDS.identity)({ id: '7', displayName: 'Bo', username: 'bo' }, 'google').attributes, { userName: 'bo', aliasList: ['google-7'], cn: 'Bo' });
    assert.equal(profileMappingFor('58c824ae-84ed-4724-82cd-db128fc3f6c')({ id: '1', givenName: 'G' }, 'x').attributes.givenName, 'G');
    assert.throws(() => profileMappingFor('nope'), (error) => isSocialProviderError(error, 'UNKNOWN_TRANSFORM'));
  });
});
