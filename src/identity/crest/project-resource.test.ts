/** `_fields` and the default fields: private never, relationships/virtuals only when returned by default, `_meta` only when asked. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultUserObject } from '../default-user-schema.ts';
import type { StoredManagedObject } from '../ports.ts';
import { parseFieldSelection } from './field-selection.ts';
import { projectResource } from './project-resource.ts';

const schema = defaultUserObject('alpha_user').schema;

const stored: StoredManagedObject = {
  type: 'alpha_user',
  id: 'u1',
  rev: '3',
  data: {
    userName: 'bjensen',
    password: '$argon2id$v=19$m=19456,t=2,p=1$hash',
    givenName: 'Babs',
    mail: 'b@example.com',
    preferences: { marketing: true, updates: false },
    kbaInfo: [{ questionId: '1', answer: 'h1' }, { questionId: '2', answer: 'h2' }],
    roles: [{ _ref: 'managed/alpha_role/r1' }],
    lastSync: { timestamp: 't' },
    custom: 'kept',
  },
  meta: { createDate: '2024-01-01T00:00:00.000Z', lastChanged: { date: '2024-01-02T00:00:00.000Z' }, loginCount: 4 },
};

const project = (fields: string | undefined, readable?: (name: string) => boolean) => projectResource(stored, schema, parseFieldSelection(fields), readable);

describe('projectResource', () => {
  it('default fields: _id/_rev first, no private, no relationship without returnByDefault, no _meta; virtual lists returned by default appear empty', () => {
    const body = project(undefined);
    assert.deepEqual(Object.keys(body).slice(0, 2), ['_id', '_rev']);
    assert.equal(body.password, undefined);
    assert.equal(body.lastSync, undefined);
    assert.equal(body.roles, undefined);
    assert.equal(body._meta, undefined);
    assert.equal(body.custom, 'kept');
    assert.deepEqual(body.kbaInfo, [{ questionId: '1' }, { questionId: '2' }], 'security answers never leave');
    assert.deepEqual(body.effectiveRoles, []);
    assert.deepEqual(project('*'), body);
  });

  it('explicit fields, nested pointers and pointers through lists; _id and _rev always', () => {
    assert.deepEqual(project('userName,/preferences/marketing'), { _id: 'u1', _rev: '3', userName: 'bjensen', preferences: { marketing: true } });
    assert.deepEqual(project('kbaInfo/questionId'), { _id: 'u1', _rev: '3', kbaInfo: [{ questionId: '1' }, { questionId: '2' }] });
    assert.deepEqual(project('nothing'), { _id: 'u1', _rev: '3' });
    assert.deepEqual(project('roles'), { _id: 'u1', _rev: '3', roles: stored.data.roles });
    assert.deepEqual(project('kbaInfo/answer'), { _id: 'u1', _rev: '3', kbaInfo: [] }, 'not even asked for by pointer');
    assert.deepEqual(project('kbaInfo'), { _id: 'u1', _rev: '3', kbaInfo: [{ questionId: '1' }, { questionId: '2' }] });
  });

  it('never returns private properties, even when asked', () => {
    assert.deepEqual(project('password,lastSync/timestamp'), { _id: 'u1', _rev: '3' });
    assert.equal(project('*,password').password, undefined);
  });

  it('_meta only when asked: all of it, or some fields', () => {
    assert.deepEqual(project('_meta/*')._meta, stored.meta);
    assert.deepEqual(project('userName,_meta/createDate'), { _id: 'u1', _rev: '3', userName: 'bjensen', _meta: { createDate: '2024-01-01T00:00:00.000Z' } });
    assert.deepEqual(project('*,_meta')._meta, stored.meta);
  });

  it('never returns the password history kept in _meta, even when asked', () => {
    const withHistory: StoredManagedObject = { ...stored, meta: { ...stored.meta, passwordHistory: ['$argon2id$v=19$m=19456,t=2,p=1$old'] } };
    const projectHistory = (fields: string) => projectResource(withHistory, schema, parseFieldSelection(fields));
    assert.deepEqual(projectHistory('*,_meta/*')._meta, stored.meta);
    assert.deepEqual(projectHistory('_meta')._meta, stored.meta);
    assert.deepEqual(projectHistory('_meta/passwordHistory'), { _id: 'u1', _rev: '3', _meta: {} });
    assert.deepEqual(projectHistory('_meta/passwordHistory/0,_meta/loginCount')._meta, { loginCount: 4 });
    assert.equal(JSON.stringify(projectHistory('*,*_ref,_meta/*,_meta/passwordHistory,passwordHistory')).includes('argon2'), false);
  });

  it('*_ref adds relationship fields', () => {
    assert.deepEqual(project('*_ref'), { _id: 'u1', _rev: '3', roles: stored.data.roles });
    assert.deepEqual(project('*,*_ref').roles, stored.data.roles);
  });

  it('a readable filter hides what the caller may not see, _meta included', () => {
    const viewable = (name: string) => schema.properties[name]?.viewable === true;
    const body = project('*,_meta/*', viewable);
    assert.equal(body.userName, 'bjensen');
    assert.equal(body.kbaInfo, undefined, 'kbaInfo is not viewable');
    assert.equal(body.custom, undefined, 'undeclared properties are not viewable');
    assert.equal(body._meta, undefined);
  });
});
