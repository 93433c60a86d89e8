/**
 * AM's realm administration on the real platform: a realm created over REST gets the default
 * journeys and the capabilities' journeys (MFA, social) on its own users, and signs a user in;
 * deleting it removes its users, sessions, configuration documents, journeys with their versions,
 * keys, devices and OpenID records, leaving alpha alone; root cannot be deleted; what Arbor's realms
 * cannot be (renamed, inactive, nested, aliased) is refused with the reason.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inMemoryPlatform } from '../../../platform/testing/in-memory-platform.ts';
import type { TestPlatform } from '../../../platform/testing/in-memory-platform.ts';
import { acceptActiveTerms } from '../../testing/accept-active-terms.ts';
import { injectCall, injectSignIn } from '../../testing/inject-client.ts';

const ADMIN_PASSWORD = 'Admin-Passw0rd!';
const REALMS = '/am/json/global-config/realms';
const API = { 'accept-api-version': 'protocol=2.0,resource=1.0' };
const id = (path: string): string => Buffer.from(path, 'utf8').toString('base64url');

describe('realms REST: create, update, delete', () => {
  let arbor: TestPlatform;
  let admin: Record<string, string>;
  const call = injectCall(() => arbor.app);

  before(async () => {
    arbor = await inMemoryPlatform({ ARBOR_ADMIN_PASSWORD: ADMIN_PASSWORD });
    admin = { ...(await injectSignIn(arbor.app, '', 'amadmin', ADMIN_PASSWORD)), ...API };
  });
  after(async () => arbor?.close());

  it('creates a realm that has the default and capability journeys on its own users, and signs its users in', async () => {
    const created = await call('POST', `${REALMS}?_action=create`, admin, { name: 'beta', active: true, parentPath: '/', aliases: [] });
    assert.equal(created.statusCode, 201, created.body);
    assert.deepEqual(created.json(), { _id: id('/beta'), _rev: '1', parentPath: '/', active: true, name: 'beta', aliases: [] });

    const listed = await call('GET', `${REALMS}/?_queryFilter=true`, admin);
    assert.deepEqual(listed.json<{ result: { name: string }[] }>().result.map((realm) => realm.name), ['/', 'alpha', 'beta']);
    assert.equal((await call('GET', `${REALMS}/${id('/beta')}`, admin)).json<{ name: string }>().name, 'beta');

    const names = await arbor.store.journeys.list('beta');
    for (const name of ['Login', 'Registration', 'ResetPassword', 'MFALogin', 'PasswordlessLogin', 'SocialLogin', 'SocialRegistration']) assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
    const login = await arbor.store.journeys.get('beta', 'Login');
    assert.equal(login?.tree.identityResource, 'managed/beta_user');
    assert.ok(!JSON.stringify(await arbor.store.journeys.get('beta', 'MFALogin')).includes('alpha_user'), 'MFA journeys look up beta’s users');

    await arbor.identity.createUser('beta_user', { userName: 'bea', password: 'Secret-Passw0rd', givenName: 'Bea', sn: 'B', mail: 'bea@example.com' });
    await acceptActiveTerms(arbor, 'beta_user', 'bea');
    const signedIn = await injectSignIn(arbor.app, '/realms/beta', 'bea', 'Secret-Passw0rd');
    assert.match(signedIn.cookie ?? '', /^iPlanetDirectoryPro=.+/);
    assert.equal((await call('GET', '/am/json/realms/root/realms/beta/realm-config/authentication/authenticationtrees/trees/Login', admin)).statusCode, 200);
  });

  it('refuses a realm that exists, a bad or reserved name, and what Arbor realms cannot be', async () => {
    assert.equal((await call('POST', REALMS, admin, { name: 'beta', parentPath: '/' })).statusCode, 409);
    assert.equal((await call('POST', REALMS, admin, { name: 'Alpha', parentPath: '/' })).statusCode, 409, 'names differ by more than case');
    for (const name of ['', 'a/b', 'with space', 'x'.repeat(65), 'realms', 'root']) assert.equal((await call('POST', REALMS, admin, { name })).statusCode, 400, name);
    const nested = await call('POST', REALMS, admin, { name: 'child', parentPath: '/alpha' });
    assert.equal(nested.statusCode, 400);
    assert.match(nested.json<{ message: string }>().message, /children of the root realm/);
    assert.equal((await call('POST', REALMS, admin, { name: 'off', active: false })).statusCode, 400);
    assert.equal((await arbor.store.realms.get('child')) ?? (await arbor.store.realms.get('off')), undefined, 'nothing written');
  });

  it('updates a realm only as far as Arbor realms go: unchanged fields answer the realm, a rename is refused', async () => {
    const same = await call('PUT', `${REALMS}/${id('/beta')}`, admin, { name: 'beta', active: true, parentPath: '/', aliases: [] });
    assert.equal(same.statusCode, 200, same.body);
    assert.equal(same.json<{ name: string }>().name, 'beta');
    const root = await call('PUT', `${REALMS}/${id('/')}`, admin, { name: '/', active: true, parentPath: null, aliases: [] });
    assert.equal(root.statusCode, 200, root.body);
    const renamed = await call('PUT', `${REALMS}/${id('/beta')}`, admin, { name: 'gamma', parentPath: '/' });
    assert.equal(renamed.statusCode, 400);
    assert.match(renamed.json<{ message: string }>().message, /cannot be renamed/);
    assert.equal((await call('PUT', `${REALMS}/${id('/beta')}`, admin, { aliases: ['beta.example.com'] })).statusCode, 400);
    assert.equal((await call('PUT', `${REALMS}/${id('/nothere')}`, admin, { name: 'nothere' })).statusCode, 404);
  });

  it('deletes a realm with all its data, leaving the other realms alone; root cannot be deleted', async () => {
    const [bea] = await arbor.identity.findByAttribute('beta_user', 'userName', 'bea', 1);
    assert.ok(bea !== undefined);
    const token = (await injectSignIn(arbor.app, '/realms/beta', 'bea', 'Secret-Passw0rd')).cookie?.split('=')[1] ?? '';
    assert.notEqual(await arbor.sessions.validate(token), undefined);
    await arbor.store.configs.put('realm/beta/scripts/s1', { name: 'a script' });
    await arbor.store.devices.create({ realm: 'beta', userId: bea._id, kind: 'oath', id: 'd1', deviceName: 'Phone', createdDate: 1, lastAccessDate: 1, data: {} });
    await arbor.store.oidcRecords.upsert({ realm: 'beta', model: 'Grant', id: 'g1', payload: {} });
    const alphaJourneys = await arbor.store.journeys.list('alpha');

    const rootDelete = await call('DELETE', `${REALMS}/${id('/')}`, admin);
    assert.equal(rootDelete.statusCode, 400);
    const deleted = await call('DELETE', `${REALMS}/${id('/beta')}`, admin);
    assert.equal(deleted.statusCode, 200, deleted.body);
    assert.equal(deleted.json<{ name: string }>().name, 'beta');

    assert.equal((await call('GET', `${REALMS}/${id('/beta')}`, admin)).statusCode, 404);
    assert.equal(await arbor.store.realms.get('beta'), undefined);
    assert.deepEqual(await arbor.store.journeys.list('beta'), []);
    assert.equal(await arbor.store.journeys.version('beta', 'Login', 1), undefined, 'no version of its journeys is left');
    assert.deepEqual(await arbor.store.configs.list('realm/beta/'), []);
    assert.equal((await arbor.store.managedObjects.list('beta_user', { limit: 10, offset: 0 })).total, 0);
    assert.deepEqual(await arbor.store.devices.list('beta', bea._id), []);
    assert.equal(await arbor.store.oidcRecords.find('beta', 'Grant', 'g1'), undefined);
    assert.equal(await arbor.sessions.validate(token), undefined, 'its users’ sessions ended');
    assert.equal((await call('POST', '/am/json/realms/root/realms/beta/authenticate?authIndexType=service&authIndexValue=Login', {})).statusCode, 404);

    assert.deepEqual(await arbor.store.journeys.list('alpha'), alphaJourneys);
    assert.equal((await call('POST', '/am/json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=Login', {})).statusCode, 200);
    assert.equal((await call('DELETE', `${REALMS}/${id('/beta')}`, admin)).statusCode, 404);

    const again = await call('POST', REALMS, admin, { name: 'beta' });
    assert.equal(again.statusCode, 201, 'the name can be used again');
    assert.equal((await arbor.store.managedObjects.list('beta_user', { limit: 10, offset: 0 })).total, 0);
  });
});
