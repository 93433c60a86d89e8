import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultUserObject } from './default-user-schema.ts';
import { prepareNewUser } from './prepare-new-user.ts';

const { schema } = defaultUserObject('alpha_user');
const NOW = Date.UTC(2025, 0, 2, 3, 4, 5, 6);

describe('prepareNewUser', () => {
  it('applies the schema defaults, writes nested paths and stamps _meta', () => {
    const record = prepareNewUser({ schema, id: 'u1', now: NOW, attributes: { userName: 'bjensen', '/mail': 'b@example.com', 'preferences/marketing': true } });
    assert.deepEqual(record, {
      id: 'u1',
      data: { userName: 'bjensen', mail: 'b@example.com', preferences: { marketing: true }, accountStatus: 'active' },
      meta: { createDate: '2025-01-02T03:04:05.006Z', lastChanged: { date: '2025-01-02T03:04:05.006Z' } },
    });
  });

  it('keeps a given accountStatus over the default', () => {
    assert.equal(prepareNewUser({ schema, id: 'u1', now: NOW, attributes: { userName: 'b', accountStatus: 'inactive' } }).data.accountStatus, 'inactive');
  });

  it('stores the encoded hash given, and never a plaintext or passwordHash attribute', () => {
    const withHash = prepareNewUser({ schema, id: 'u1', now: NOW, passwordHash: '$2b$04$hash', attributes: { userName: 'b', password: 'Plain-1', passwordHash: 'other' } });
    assert.equal(withHash.data.password, '$2b$04$hash');
    assert.equal('passwordHash' in withHash.data, false);
    const without = prepareNewUser({ schema, id: 'u1', now: NOW, attributes: { userName: 'b', '/password': 'Plain-1' } });
    assert.equal('password' in without.data, false);
  });

  it('ignores server-owned names and leaves its input untouched', () => {
    const attributes = { userName: 'b', _id: 'forged', _rev: '9', _meta: { loginCount: 3 }, preferences: { updates: true } };
    const frozen = structuredClone(attributes);
    const record = prepareNewUser({ schema, id: 'u2', now: NOW, attributes });
    assert.deepEqual(Object.keys(record.data).sort(), ['accountStatus', 'preferences', 'userName']);
    assert.equal(record.id, 'u2');
    record.data.preferences = { updates: false };
    assert.deepEqual(attributes, frozen);
  });
});
