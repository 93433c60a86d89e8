/** realm.json: the realm's settings without its name, SMS header values as references; reading names every bad field. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultRealmConfig, type RealmConfig } from '../config/realm-config.ts';
import { readRealmFile, realmFileOf } from './realm-file.ts';

const TOKEN = 'Bearer sms-token-9d2';
const stored: RealmConfig = { ...defaultRealmConfig('alpha'), sms: { webhookUrl: 'https://sms.example.com/send', headers: { Authorization: TOKEN } } };

describe('realmFileOf', () => {
  it('leaves out the name and the Self Service Trees mapping, and writes SMS header values as references', () => {
    const file = realmFileOf(stored);
    assert.ok(!('name' in file) && !('selfServiceTrees' in file));
    assert.deepEqual(file.sms, { webhookUrl: 'https://sms.example.com/send', headers: { Authorization: { $secret: 'realm/sms/headers/Authorization' } } });
    assert.ok(!JSON.stringify(file).includes('sms-token-9d2'));
  });
});

describe('readRealmFile', () => {
  it('gives back the realm under the name imported into, keeping the stored header secret and trees mapping', () => {
    const read = readRealmFile(JSON.parse(JSON.stringify(realmFileOf(stored))), 'beta', { ...stored, name: 'beta' }, new Map(), undefined);
    assert.deepEqual(read, { ok: true, realm: { ...stored, name: 'beta' } });
  });

  it('takes a header secret from --secrets, and refuses one neither given nor stored', () => {
    const file = JSON.parse(JSON.stringify(realmFileOf(stored)));
    const given = readRealmFile(file, 'alpha', undefined, new Map([['realm/sms/headers/Authorization', 'Bearer new']]), { registration: 'Join' });
    assert.ok(given.ok);
    assert.deepEqual([given.realm.sms?.headers, given.realm.selfServiceTrees], [{ Authorization: 'Bearer new' }, { registration: 'Join' }]);
    assert.deepEqual(readRealmFile(file, 'alpha', undefined, new Map(), undefined), { ok: false, problems: ['sms.headers.Authorization: no secret realm/sms/headers/Authorization is stored and none is given (--secrets)'] });
  });

  it('refuses a header value written in clear', () => {
    const file = { ...realmFileOf(stored), sms: { webhookUrl: 'https://sms.example.com/send', headers: { Authorization: TOKEN } } };
    const read = readRealmFile(file, 'alpha', stored, new Map(), undefined);
    assert.deepEqual(read, { ok: false, problems: ['sms.headers.Authorization: must be a secret reference ({"$secret": "realm/sms/headers/Authorization"}), never the value'] });
  });

  it('lists every bad field by name', () => {
    const { journeys: _journeys, ...file } = realmFileOf(defaultRealmConfig('alpha'));
    const bad = {
      ...file,
      name: 'alpha',
      userType: 'alpha user',
      successUrl: 7,
      lockout: { ...defaultRealmConfig('alpha').lockout, failureCount: -1, extra: true },
      sessions: 'long',
      usersMayDeleteAccount: 'yes',
      scripting: { timeoutMs: 0, shell: true },
      pages: { theme: {}, logo: 'x' },
    };
    const read = readRealmFile(bad, 'alpha', undefined, new Map(), undefined);
    assert.equal(read.ok, false);
    assert.deepEqual(read.ok ? [] : read.problems.sort(), [
      'journeys: is required',
      'lockout.extra: is not a setting',
      'lockout.failureCount: must be a whole number, 0 or more',
      'name: is not a realm setting',
      'pages: must be an object with only theme',
      'scripting.shell: is not a setting',
      'scripting.timeoutMs: must be a whole number above 0',
      'sessions: must be an object',
      'successUrl: must be a string',
      'userType: must be a managed object type name (letters, digits, _)',
      'usersMayDeleteAccount: must be true or false',
    ]);
  });

  it('refuses what is not an object', () => {
    assert.deepEqual(readRealmFile([], 'alpha', undefined, new Map(), undefined), { ok: false, problems: ['must be a JSON object'] });
  });
});
