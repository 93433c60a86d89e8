/**
 * Who the caller is, as IDM tells it: `GET /openidm/info/login` and
 * `POST /openidm/authentication?_action=login` for an end user (their managed object's `_id`
 * and component), for `amadmin` (IDM's `openidm-admin`) and for the `X-OpenIDM-*` headers; 401
 * without a caller. Then the way a newcomer goes from a session to their own profile: the id
 * from AM's `idFromSession` and IDM's `info/login`, a read and a patch of their own object, and
 * a refusal for anyone else's. `GET /openidm/info/ping` answers anyone.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { acceptActiveTerms } from '../testing/accept-active-terms.ts';
import { ADMIN_PASSWORD, call, onEveryDatabase, sessionCookie, signIn } from './testing/idm-test-platform.ts';

const USERS = '/openidm/managed/alpha_user';
const DENIED = { code: 401, reason: 'Unauthorized', message: 'Access Denied' };
const AUTHORIZED = 'internal/role/openidm-authorized';
const person = (userName: string) => ({ userName, givenName: 'Dave', sn: 'Doe', mail: `${userName}@example.com`, password: 'Secret-Passw0rd' });

onEveryDatabase('IDM info/login and the own profile', (platform) => {
  let arbor: TestPlatform;
  let admin: Record<string, string>;
  let daveId: string;
  let erinId: string;
  let rootyId: string;
  let dave: string;

  before(async () => {
    arbor = platform();
    admin = sessionCookie(await signIn(arbor, 'root', 'amadmin', ADMIN_PASSWORD));
    daveId = (await call(arbor, 'POST', `${USERS}?_action=create`, admin, person('dave'))).json<{ _id: string }>()._id;
    erinId = (await call(arbor, 'POST', `${USERS}?_action=create`, admin, person('erin'))).json<{ _id: string }>()._id;
    rootyId = (await call(arbor, 'POST', '/openidm/managed/user?_action=create', admin, person('rooty'))).json<{ _id: string }>()._id;
    await acceptActiveTerms(arbor, 'alpha_user', 'dave'); // the alpha Login's terms step does not ask
    dave = await signIn(arbor, 'alpha', 'dave', 'Secret-Passw0rd');
  });

  it('answers an end user’s managed object, component and role, from the cookie or the header named after it', async () => {
    const expected = { _id: 'login', authenticationId: 'dave', authorization: { id: daveId, component: 'managed/alpha_user', roles: [AUTHORIZED], moduleId: 'OPENAM_SESSION' } };
    for (const headers of [sessionCookie(dave), { iplanetdirectorypro: dave }]) {
      const info = await call(arbor, 'GET', '/openidm/info/login', headers);
      assert.equal(info.statusCode, 200, info.body);
      assert.deepEqual(info.json(), expected);
      const login = await call(arbor, 'POST', '/openidm/authentication?_action=login', headers);
      assert.equal(login.statusCode, 200, login.body);
      assert.deepEqual(login.json(), expected, 'the platform end-user UI asks with authentication?_action=login');
    }
  });

  it('answers amadmin as IDM’s openidm-admin with the administrator role, and header callers as managed users', async () => {
    assert.deepEqual((await call(arbor, 'GET', '/openidm/info/login', admin)).json(), {
      _id: 'login',
      authenticationId: 'amadmin',
      authorization: { id: 'openidm-admin', component: 'internal/user', roles: [AUTHORIZED, 'internal/role/openidm-admin'], moduleId: 'OPENAM_SESSION' },
    });
    const rooty = await call(arbor, 'GET', '/openidm/info/login', { 'x-openidm-username': 'rooty', 'x-openidm-password': 'Secret-Passw0rd' });
    assert.deepEqual(rooty.json(), { _id: 'login', authenticationId: 'rooty', authorization: { id: rootyId, component: 'managed/user', roles: [AUTHORIZED], moduleId: 'MANAGED_USER' } });
    const headerAdmin = await call(arbor, 'GET', '/openidm/info/login', { 'x-openidm-username': 'amadmin', 'x-openidm-password': ADMIN_PASSWORD });
    assert.deepEqual(headerAdmin.json<{ authorization: unknown }>().authorization, { id: 'openidm-admin', component: 'internal/user', roles: [AUTHORIZED, 'internal/role/openidm-admin'], moduleId: 'MANAGED_USER' });
  });

  it('is 401 Access Denied without a caller; a 400 for another action, a 405 for another method', async () => {
    for (const headers of [{}, sessionCookie('forged'), { 'x-openidm-username': 'rooty', 'x-openidm-password': 'Wrong-Passw0rd' }]) {
      const info = await call(arbor, 'GET', '/openidm/info/login', headers);
      assert.equal(info.statusCode, 401);
      assert.deepEqual(info.json(), DENIED);
      assert.deepEqual((await call(arbor, 'POST', '/openidm/authentication?_action=login', headers)).json(), DENIED);
    }
    const other = await call(arbor, 'POST', '/openidm/authentication?_action=explode', sessionCookie(dave));
    assert.equal(other.statusCode, 400);
    assert.match(other.json<{ message: string }>().message, /Unsupported action explode; use login/);
    assert.equal((await call(arbor, 'POST', '/openidm/authentication', sessionCookie(dave))).statusCode, 400);
    assert.equal((await call(arbor, 'PUT', '/openidm/info/login', sessionCookie(dave), {})).statusCode, 405);
    assert.equal((await call(arbor, 'GET', '/openidm/authentication?_action=login', sessionCookie(dave))).statusCode, 405);
  });

  it('lets a signed-in user find their id, read and patch their own profile, and nobody else’s', async () => {
    const session = { iplanetdirectorypro: dave };
    const am = await call(arbor, 'POST', '/am/json/realms/root/realms/alpha/users?_action=idFromSession', session, {});
    assert.equal(am.statusCode, 200, am.body);
    const { id: username } = am.json<{ id: string }>();
    const { authorization } = (await call(arbor, 'GET', '/openidm/info/login', session)).json<{ authorization: { id: string; component: string } }>();
    const profileUrl = `/openidm/${authorization.component}/${authorization.id}`;
    const profile = await call(arbor, 'GET', profileUrl, session);
    assert.equal(profile.statusCode, 200, profile.body);
    assert.equal(profile.json<{ userName: string }>().userName, username, 'AM’s id is the user name of the object IDM names');
    const patched = await call(arbor, 'PATCH', profileUrl, session, [{ operation: 'replace', field: 'givenName', value: 'David' }]);
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json<{ givenName: string }>().givenName, 'David');
    const other = await call(arbor, 'GET', `${USERS}/${erinId}`, session);
    assert.equal(other.statusCode, 403);
    assert.deepEqual(other.json(), { code: 403, reason: 'Forbidden', message: 'Access denied' });
    assert.equal((await call(arbor, 'PATCH', `${USERS}/${erinId}`, session, [{ operation: 'replace', field: 'givenName', value: 'X' }])).statusCode, 403);
  });

  it('info/ping answers the server state to anyone', async () => {
    const ping = await call(arbor, 'GET', '/openidm/info/ping', {});
    assert.equal(ping.statusCode, 200);
    assert.deepEqual(ping.json(), { _id: '', _rev: '', shortDesc: 'OpenIDM ready', state: 'ACTIVE_READY' });
    assert.equal((await call(arbor, 'DELETE', '/openidm/info/ping', {})).statusCode, 405);
  });
});
