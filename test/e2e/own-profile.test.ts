/**
 * A newcomer's way from signing in to their own profile, against a real Arbor: a user signs in
 * through the default alpha `Login` journey with the ForgeRock SDK (accepting the terms at this
 * first sign-in), learns who they are from AM's `users?_action=idFromSession` and their managed
 * object from IDM's `info/login`, then reads and changes their profile at
 * `/openidm/managed/alpha_user/<_id>` with the same session; another user's profile is refused.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RestApi } from '../helpers/self-service.ts';
import { acceptTermsStep, addUser, adminClient, asSuccess, readUser, restClient, signInWithSdk } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';

describe('a signed-in user reads and changes their own profile', () => {
  let server: TestServer;
  let admin: RestApi;

  before(async () => {
    server = await startTestServer();
    admin = await adminClient(server);
    await addUser(server, 'alpha', 'noor', 'Secret-Passw0rd', { givenName: 'Noor', sn: 'Haddad' });
    await addUser(server, 'alpha', 'omar', 'Secret-Passw0rd', { givenName: 'Omar', sn: 'Haddad' });
  });
  after(async () => server?.close());

  it('finds their id from the session, reads and patches their profile, and cannot read another user’s', async () => {
    const success = asSuccess(await acceptTermsStep(await signInWithSdk(server, 'noor', 'Secret-Passw0rd'), '0.0'));
    const token = success.getSessionToken();
    assert.ok(token !== undefined);
    const noor = restClient(server, { iplanetdirectorypro: token });

    const am = await noor('POST', '/am/json/realms/root/realms/alpha/users?_action=idFromSession', {});
    assert.equal(am.status, 200, JSON.stringify(am.json));
    assert.deepEqual([am.json.id, am.json.realm], ['noor', '/alpha']);

    const login = await noor('GET', '/openidm/info/login');
    assert.equal(login.status, 200, JSON.stringify(login.json));
    const authorization = login.json.authorization as { id: string; component: string; roles: string[] };
    assert.equal(login.json.authenticationId, 'noor');
    assert.equal(authorization.component, 'managed/alpha_user');
    assert.deepEqual(authorization.roles, ['internal/role/openidm-authorized']);
    assert.equal(authorization.id, (await readUser(admin, 'alpha_user', 'noor'))._id);

    const own = `/openidm/${authorization.component}/${authorization.id}`;
    const read = await noor('GET', own);
    assert.equal(read.status, 200, JSON.stringify(read.json));
    assert.deepEqual([read.json.userName, read.json.givenName, read.json.sn], ['noor', 'Noor', 'Haddad']);
    const patched = await noor('PATCH', own, [{ operation: 'replace', field: 'telephoneNumber', value: '+32 2 555 01 23' }]);
    assert.equal(patched.status, 200, JSON.stringify(patched.json));
    assert.equal((await readUser(admin, 'alpha_user', 'noor')).telephoneNumber, '+32 2 555 01 23');

    const omarId = String((await readUser(admin, 'alpha_user', 'omar'))._id);
    const other = await noor('GET', `/openidm/managed/alpha_user/${omarId}`);
    assert.deepEqual([other.status, other.json], [403, { code: 403, reason: 'Forbidden', message: 'Access denied' }]);
    assert.equal((await noor('PATCH', `/openidm/managed/alpha_user/${omarId}`, [{ operation: 'replace', field: 'sn', value: 'X' }])).status, 403);
  });
});
