/**
 * IDM's roles and groups over the real HTTP API (Arbor listening on loopback, IDM's administrator
 * headers): a conditional role granted to a matching user on create and taken back when the user
 * moves, shown in `effectiveRoles` and the role's `members`; roles and groups added and removed by
 * hand through the user's `roles`/`groups`; a role deleted takes its edges with it, and so does a
 * user deleted.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { JsonAnswer, RestApi } from '../helpers/self-service.ts';
import { adminClient } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';

const USERS = '/openidm/managed/alpha_user';
const ROLES = '/openidm/managed/alpha_role';
const GROUPS = '/openidm/managed/alpha_group';

describe('IDM roles and groups over HTTP', () => {
  let server: TestServer;
  let admin: RestApi;

  /** The answer of a call that must succeed. */
  const ok = async (method: string, path: string, body?: unknown): Promise<JsonAnswer['json']> => {
    const answer = await admin(method, path, body);
    assert.ok(answer.status < 300, `${method} ${path}: ${answer.status} ${JSON.stringify(answer.json)}`);
    return answer.json;
  };
  const created = async (path: string, body: Record<string, unknown>): Promise<string> => String((await ok('POST', `${path}?_action=create`, body))._id);
  const person = (userName: string, city: string) => ({ userName, givenName: 'A', sn: 'B', mail: `${userName}@example.com`, password: 'Secret-Passw0rd', city });
  /** The role ids in a user's `effectiveRoles`, as returned by default. */
  const effectiveRoles = async (userId: string): Promise<string[]> => ((await ok('GET', `${USERS}/${userId}`)).effectiveRoles as { _refResourceId: string }[]).map((role) => role._refResourceId).sort();
  /** The other ends of the edges of `path` (`…/<id>/roles`, `…/<id>/members`). */
  const edges = async (path: string): Promise<string[]> => ((await ok('GET', `${path}?_queryFilter=true`)).result as { _refResourceId: string }[]).map((edge) => edge._refResourceId).sort();

  before(async () => {
    server = await startTestServer();
    admin = await adminClient(server);
  });
  after(async () => server?.close());

  it('grants a conditional role on create, shows it, and takes it back when the user moves', async () => {
    const brussels = await created(ROLES, { name: 'brussels', condition: 'city eq "Brussels"' });
    const ann = await created(USERS, person('ann', 'Brussels'));
    const bob = await created(USERS, person('bob', 'Ghent'));
    assert.deepEqual(await effectiveRoles(ann), [brussels]);
    assert.deepEqual(await effectiveRoles(bob), []);
    assert.deepEqual(await edges(`${ROLES}/${brussels}/members`), [ann]);
    const grant = ((await ok('GET', `${USERS}/${ann}/roles?_queryFilter=true`)).result as { _id: string; _refProperties: { _grantType: string } }[])[0];
    assert.equal(grant?._refProperties._grantType, 'conditional');
    assert.equal((await admin('DELETE', `${USERS}/${ann}/roles/${grant?._id ?? ''}`)).status, 403, 'a conditional grant is not removed by hand');
    const holders = await ok('GET', `${USERS}?_queryFilter=${encodeURIComponent(`effectiveRoles/_refResourceId eq "${brussels}"`)}&_fields=userName`);
    assert.deepEqual((holders.result as { userName: string }[]).map((user) => user.userName), ['ann']);

    await ok('PATCH', `${USERS}/${ann}`, [{ operation: 'replace', field: 'city', value: 'Liège' }]);
    assert.deepEqual(await effectiveRoles(ann), []);
    assert.deepEqual(await edges(`${ROLES}/${brussels}/members`), []);
    await ok('PUT', `${USERS}/${bob}`, { ...(await ok('GET', `${USERS}/${bob}?_fields=userName,givenName,sn,mail,city`)), city: 'Brussels' });
    assert.deepEqual(await effectiveRoles(bob), [brussels], 'a PUT moves the user too');
  });

  it('adds and removes roles and groups by hand, listed on both ends', async () => {
    const staff = await created(ROLES, { name: 'staff' });
    const team = await created(GROUPS, { name: 'team' });
    const carla = await created(USERS, person('carla', 'Namur'));
    const dirk = await created(USERS, person('dirk', 'Namur'));

    const edge = await ok('POST', `${USERS}/${carla}/roles`, { _ref: `managed/alpha_role/${staff}` });
    await ok('POST', `${USERS}/${dirk}/roles?_action=create`, { _ref: `managed/alpha_role/${staff}` });
    assert.equal((await admin('POST', `${USERS}/${dirk}/roles`, { _ref: `managed/alpha_role/${staff}` })).status, 409, 'the same edge twice');
    assert.deepEqual(await effectiveRoles(carla), [staff]);
    assert.deepEqual(await edges(`${ROLES}/${staff}/members`), [carla, dirk].sort());
    await ok('DELETE', `${USERS}/${carla}/roles/${String(edge._id)}`);
    assert.deepEqual(await effectiveRoles(carla), []);
    assert.deepEqual(await edges(`${ROLES}/${staff}/members`), [dirk]);

    const membership = await ok('POST', `${USERS}/${carla}/groups`, { _ref: `managed/alpha_group/${team}` });
    await ok('POST', `${USERS}/${dirk}/groups`, { _ref: `managed/alpha_group/${team}` });
    assert.deepEqual(await edges(`${USERS}/${carla}/groups`), [team]);
    assert.deepEqual(await edges(`${GROUPS}/${team}/members`), [carla, dirk].sort());
    await ok('DELETE', `${USERS}/${carla}/groups/${String(membership._id)}`);
    assert.deepEqual(await edges(`${GROUPS}/${team}/members`), [dirk]);
    assert.equal((await admin('POST', `${USERS}/${carla}/groups`, { _ref: `managed/alpha_role/${staff}` })).status, 400, 'groups point to groups only');
  });

  it('deletes a role’s edges with the role, and a user’s edges with the user', async () => {
    const local = await created(ROLES, { name: 'local', condition: 'city eq "Leuven"' });
    const helpers = await created(ROLES, { name: 'helpers' });
    const club = await created(GROUPS, { name: 'club' });
    const eva = await created(USERS, person('eva', 'Leuven'));
    const finn = await created(USERS, person('finn', 'Leuven'));
    await ok('POST', `${USERS}/${eva}/roles`, { _ref: `managed/alpha_role/${helpers}` });
    await ok('POST', `${USERS}/${finn}/groups`, { _ref: `managed/alpha_group/${club}` });
    await ok('POST', `${USERS}/${eva}/groups`, { _ref: `managed/alpha_group/${club}` });
    assert.deepEqual(await effectiveRoles(eva), [local, helpers].sort());

    await ok('DELETE', `${ROLES}/${local}`);
    await ok('DELETE', `${ROLES}/${helpers}`);
    assert.deepEqual(await edges(`${USERS}/${eva}/roles`), []);
    assert.deepEqual(await effectiveRoles(finn), []);

    await ok('DELETE', `${USERS}/${finn}`);
    assert.deepEqual(await edges(`${GROUPS}/${club}/members`), [eva]);
    await ok('DELETE', `${GROUPS}/${club}`);
    assert.deepEqual(await edges(`${USERS}/${eva}/groups`), []);
  });
});
