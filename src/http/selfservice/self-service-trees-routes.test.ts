/** AM's Self Service Trees service over HTTP: AM's body, whole-mapping replacement, per realm, administrators only. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SelfServiceTestApp } from './testing/self-service-test-app.ts';
import { selfServiceTestApp } from './testing/self-service-test-app.ts';

const ROOT = '/am/json/realms/root/realm-config/services/selfServiceTrees';
const ALPHA = '/am/json/realms/root/realms/alpha/realm-config/services/selfServiceTrees';
const TYPE = { _id: 'selfServiceTrees', name: 'Self Service Trees', collection: false };
const DEFAULTS = { registration: 'Registration', resetPassword: 'ResetPassword', forgottenUsername: 'ForgottenUsername', updatePassword: 'UpdatePassword' };

describe('Self Service Trees service', () => {
  let arbor: SelfServiceTestApp;
  let admin: Record<string, string>;
  const call = (method: 'GET' | 'PUT', url: string, headers: Record<string, string>, body?: unknown) =>
    arbor.app.inject({ method, url, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });

  before(async () => {
    arbor = await selfServiceTestApp();
    admin = { cookie: `iPlanetDirectoryPro=${await arbor.adminToken()}` };
  });
  after(async () => arbor?.close());

  it('answers the default mapping in AM’s body, for root and sub-realms, under /am/json and /json', async () => {
    for (const url of [ROOT, ALPHA, ROOT.replace('/am/json', '/json')]) {
      const answer = await call('GET', url, admin);
      assert.equal(answer.statusCode, 200, `${url}: ${answer.body}`);
      assert.deepEqual(answer.json(), { _id: '', treeMapping: DEFAULTS, _type: TYPE });
    }
  });

  it('replaces the whole mapping: endpoints left out are deleted, new ones added, per realm', async () => {
    const body = {
      treeMapping: { registration: 'PlatformRegistration', resetPassword: 'PlatformResetPassword', forgottenUsername: 'PlatformForgottenUsername', 'device-registration': 'Device Registration' },
      _id: '',
      _type: TYPE,
    };
    const answer = await call('PUT', ALPHA, admin, body);
    assert.equal(answer.statusCode, 200, answer.body);
    assert.deepEqual(answer.json(), { _id: '', treeMapping: body.treeMapping, _type: TYPE });
    assert.deepEqual((await call('GET', ALPHA, admin)).json<{ treeMapping: unknown }>().treeMapping, body.treeMapping, 'updatePassword is gone');
    assert.deepEqual((await arbor.store.realms.get('alpha'))?.selfServiceTrees, body.treeMapping, 'kept in the realm configuration');
    assert.deepEqual((await call('GET', ROOT, admin)).json<{ treeMapping: unknown }>().treeMapping, DEFAULTS, 'root is untouched');
  });

  it('refuses a mapping whose tree names are not strings, naming the endpoint', async () => {
    for (const [treeMapping, field] of [
      [{ registration: 42 }, 'treeMapping.registration'],
      [{ registration: '' }, 'treeMapping.registration'],
      [{ 'bad endpoint': 'Tree' }, 'treeMapping.bad endpoint'],
      [['Registration'], 'treeMapping'],
    ] as const) {
      const answer = await call('PUT', ROOT, admin, { treeMapping, _id: '', _type: TYPE });
      assert.equal(answer.statusCode, 400);
      assert.equal(answer.json<{ detail?: { field?: string } }>().detail?.field, field);
      assert.match(answer.json<{ message: string }>().message, new RegExp(field.replace('.', '\\.')));
    }
    assert.equal((await call('PUT', ROOT, admin, { _id: '' })).statusCode, 400, 'treeMapping missing');
  });

  it('is for administrators only, and unknown realms are 404', async () => {
    assert.equal((await call('GET', ROOT, {})).statusCode, 401);
    assert.equal((await call('PUT', ROOT, {}, { treeMapping: {} })).statusCode, 401);
    const user = { cookie: `iPlanetDirectoryPro=${await arbor.userToken()}` };
    assert.equal((await call('GET', ALPHA, user)).statusCode, 403);
    assert.equal((await call('PUT', ALPHA, user, { treeMapping: {} })).statusCode, 403);
    assert.deepEqual((await call('GET', ALPHA, admin)).json<{ treeMapping: Record<string, string> }>().treeMapping.registration, 'PlatformRegistration', 'the refused PUT changed nothing');
    const unknown = await call('GET', '/am/json/realms/root/realms/nowhere/realm-config/services/selfServiceTrees', admin);
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json<{ message: string }>().message, 'Realm /nowhere not found');
  });
});
