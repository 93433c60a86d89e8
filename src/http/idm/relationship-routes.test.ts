/** Roles, groups and realm administrators over IDM's REST: conditional grants, direct edges, effectiveRoles, authzRoles. */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { ADMIN_PASSWORD, call, onEveryDatabase, sessionCookie, signIn } from './testing/idm-test-platform.ts';

const USERS = '/openidm/managed/alpha_user';
const ROLES = '/openidm/managed/alpha_role';
const person = (userName: string, city: string) => ({ userName, givenName: 'A', sn: 'B', mail: `${userName}@example.com`, password: 'Secret-Passw0rd', city });

onEveryDatabase('roles and groups over CREST', (platform) => {
  let arbor: TestPlatform;
  let admin: Record<string, string>;
  const send = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers = admin) => call(arbor, method, url, headers, body);
  const json = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers = admin) => {
    const response = await send(method, url, body, headers);
    assert.ok(response.statusCode < 300, `${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.json<Record<string, unknown> & { _id: string }>();
  };
  const roleIdsOf = async (userId: string) => ((await json('GET', `${USERS}/${userId}?_fields=effectiveRoles`)).effectiveRoles as { _refResourceId: string }[]).map((role) => role._refResourceId);

  /** Signs an alpha user in, accepting the terms the first sign-in asks for. */
  const alphaSession = async (username: string): Promise<Record<string, string>> => {
    const url = '/am/json/realms/root/realms/alpha/authenticate';
    const first = await arbor.app.inject({ method: 'POST', url: `${url}?authIndexType=service&authIndexValue=Login`, headers: { 'x-openam-username': username, 'x-openam-password': 'Secret-Passw0rd' } });
    const step = first.json<{ callbacks: { input: { value: unknown }[] }[] }>();
    const input = step.callbacks[0]?.input[0];
    if (input !== undefined) input.value = true;
    const done = await arbor.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(step) });
    return sessionCookie(String(done.json<{ tokenId: string }>().tokenId));
  };

  before(async () => {
    arbor = platform();
    admin = sessionCookie(await signIn(arbor, 'root', 'amadmin', ADMIN_PASSWORD));
  });

  it('grants a conditional role to matching users, takes it back when they move, and refuses removing it by hand', async () => {
    const role = await json('POST', `${ROLES}?_action=create`, { name: 'brussels', condition: 'city eq "Brussels"' });
    const ann = await json('POST', `${USERS}?_action=create`, person('ann', 'Brussels'));
    const bob = await json('POST', `${USERS}?_action=create`, person('bob', 'Ghent'));
    assert.deepEqual(await roleIdsOf(ann._id), [role._id]);
    assert.deepEqual(await roleIdsOf(bob._id), []);
    const roles = (await json('GET', `${USERS}/${ann._id}/roles?_queryFilter=true`)).result as Record<string, unknown>[];
    assert.equal(roles.length, 1);
    assert.deepEqual([roles[0]?._ref, roles[0]?._refResourceCollection, (roles[0]?._refProperties as Record<string, unknown>)._grantType], [`managed/alpha_role/${role._id}`, 'managed/alpha_role', 'conditional']);
    const removal = await send('DELETE', `${USERS}/${ann._id}/roles/${String(roles[0]?._id)}`);
    assert.equal(removal.statusCode, 403, removal.body);
    const members = (await json('GET', `${ROLES}/${role._id}/members?_queryFilter=true`)).result as Record<string, unknown>[];
    assert.deepEqual(members.map((member) => member._refResourceId), [ann._id]);
    const found = (await json('GET', `${USERS}?_queryFilter=${encodeURIComponent(`effectiveRoles/_refResourceId eq "${role._id}"`)}&_fields=userName`)).result as Record<string, unknown>[];
    assert.deepEqual(found.map((user) => user.userName), ['ann']);

    await json('PATCH', `${USERS}/${ann._id}`, [{ operation: 'replace', field: 'city', value: 'Liège' }]);
    assert.deepEqual(await roleIdsOf(ann._id), []);
    await json('PATCH', `${ROLES}/${role._id}`, [{ operation: 'replace', field: 'condition', value: 'city eq "Ghent"' }]);
    assert.deepEqual(await roleIdsOf(bob._id), [role._id]);
  });

  it('adds and removes a role and a group by hand, and shows them with _fields', async () => {
    const role = await json('POST', `${ROLES}?_action=create`, { name: 'auditor', description: 'reads' });
    const group = await json('POST', '/openidm/managed/alpha_group?_action=create', { name: 'staff' });
    const cy = await json('POST', `${USERS}?_action=create`, person('cy', 'Namur'));
    const edge = await json('POST', `${USERS}/${cy._id}/roles?_action=create`, { _ref: `managed/alpha_role/${role._id}` });
    await json('POST', `${USERS}/${cy._id}/groups`, { _ref: `managed/alpha_group/${group._id}` });
    const read = await json('GET', `${USERS}/${cy._id}?_fields=roles/*,groups`);
    assert.deepEqual((read.roles as Record<string, unknown>[]).map((item) => [item.name, item._refResourceId]), [['auditor', role._id]]);
    assert.deepEqual((read.groups as Record<string, unknown>[]).map((item) => item._ref), [`managed/alpha_group/${group._id}`]);
    assert.deepEqual(((await json('GET', `/openidm/managed/alpha_group/${group._id}/members?_queryFilter=true`)).result as Record<string, unknown>[]).map((item) => item._refResourceId), [cy._id]);
    assert.equal((await send('POST', `${USERS}/${cy._id}/roles`, { _ref: 'managed/alpha_role/nope' })).statusCode, 400);
    await json('DELETE', `${USERS}/${cy._id}/roles/${edge._id}`);
    assert.deepEqual(await roleIdsOf(cy._id), []);
  });

  it('lets a realm administrator administer their realm only; a plain user nowhere', async () => {
    const dee = await json('POST', `${USERS}?_action=create`, person('dee', 'Mons'));
    const plain = await json('POST', `${USERS}?_action=create`, person('eve', 'Mons'));
    await json('POST', `${USERS}/${dee._id}/authzRoles`, { _ref: 'internal/role/realm-admin-alpha' });
    assert.equal((await send('POST', `${USERS}/${dee._id}/authzRoles`, { _ref: 'internal/role/no-such-role' })).statusCode, 400);
    assert.equal(plain.userName, 'eve');
    const deeSession = await alphaSession('dee');
    const eveSession = await alphaSession('eve');
    const script = { name: 'realm-admin-script', script: Buffer.from('outcome = "true";').toString('base64'), language: 'JAVASCRIPT', context: 'AUTHENTICATION_TREE_DECISION_NODE', evaluatorVersion: '1.0' };
    const id = '3d2b1c8e-1111-4aaa-8bbb-000000000001';
    const alphaScripts = `/am/json/realms/root/realms/alpha/scripts/${id}`;
    assert.equal((await send('PUT', alphaScripts, script, deeSession)).statusCode < 300, true);
    assert.equal((await send('PUT', `/am/json/realms/root/scripts/${id}`, script, deeSession)).statusCode, 403);
    assert.equal((await send('PUT', alphaScripts, script, eveSession)).statusCode, 403);
    assert.equal((await send('GET', `${USERS}?_queryFilter=true`, undefined, deeSession)).statusCode, 200);
    assert.equal((await send('GET', '/openidm/managed/user?_queryFilter=true', undefined, deeSession)).statusCode, 403);
    assert.equal((await send('GET', `${USERS}?_queryFilter=true`, undefined, eveSession)).statusCode, 403);
  });
});
