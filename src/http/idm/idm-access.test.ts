/**
 * Who may do what on `/openidm/…`: administrators everything (session cookie, the header named
 * after the cookie, or X-OpenIDM headers), end users their own object only (viewable properties,
 * user-editable changes, the password with re-authentication), anonymous callers nothing.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { acceptActiveTerms } from '../testing/accept-active-terms.ts';
import { ADMIN_PASSWORD, call, onEveryDatabase, sessionCookie, signIn } from './testing/idm-test-platform.ts';

const USERS = '/openidm/managed/alpha_user';
const DENIED = { code: 401, reason: 'Unauthorized', message: 'Access Denied' };
const person = (userName: string) => ({ userName, givenName: 'Dave', sn: 'Doe', mail: `${userName}@example.com`, password: 'Secret-Passw0rd' });

onEveryDatabase('IDM authorization', (platform) => {
  let arbor: TestPlatform;
  let admin: Record<string, string>;
  let daveId: string;
  let erinId: string;
  let dave: Record<string, string>;

  before(async () => {
    arbor = platform();
    const token = await signIn(arbor, 'root', 'amadmin', ADMIN_PASSWORD);
    admin = sessionCookie(token);
    const created = await call(arbor, 'POST', `${USERS}?_action=create`, admin, { ...person('dave'), kbaInfo: [{ questionId: '1', answer: 'hash' }] });
    daveId = created.json<{ _id: string }>()._id;
    erinId = (await call(arbor, 'POST', `${USERS}?_action=create`, admin, person('erin'))).json<{ _id: string }>()._id;
    await call(arbor, 'POST', '/openidm/managed/user?_action=create', admin, person('rooty'));
    await acceptActiveTerms(arbor, 'alpha_user', 'dave'); // so that the alpha Login's terms step does not ask
    dave = sessionCookie(await signIn(arbor, 'alpha', 'dave', 'Secret-Passw0rd'));
  });

  it('refuses anonymous callers and dead sessions with 401 Access Denied', async () => {
    for (const url of [`${USERS}/${daveId}`, `${USERS}?_queryFilter=true`, '/openidm/config/managed', '/openidm/policy', '/openidm/policy/managed/alpha_user']) {
      const response = await call(arbor, 'GET', url, {});
      assert.equal(response.statusCode, 401, url);
      assert.deepEqual(response.json(), DENIED);
    }
    assert.deepEqual((await call(arbor, 'GET', `${USERS}/${daveId}`, sessionCookie('forged'))).json(), DENIED);
    assert.equal((await call(arbor, 'GET', `${USERS}/${daveId}`, { 'x-openidm-username': 'amadmin' })).statusCode, 401, 'a user name without a password');
  });

  it('lets the administrator do everything: session cookie, the header named after the cookie, X-OpenIDM headers', async () => {
    const token = admin.cookie?.split('=')[1] ?? '';
    const ways = [admin, { iplanetdirectorypro: token }, { 'x-openidm-username': 'amadmin', 'x-openidm-password': ADMIN_PASSWORD }];
    for (const [i, headers] of ways.entries()) {
      assert.equal((await call(arbor, 'GET', `${USERS}?_queryFilter=true`, headers)).statusCode, 200);
      assert.equal((await call(arbor, 'GET', '/openidm/config/managed', headers)).statusCode, 200);
      assert.equal((await call(arbor, 'GET', '/openidm/policy', headers)).statusCode, 200);
      const created = await call(arbor, 'POST', `${USERS}?_action=create`, headers, person(`temp${i}`));
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json<{ _id: string }>()._id;
      assert.equal((await call(arbor, 'PATCH', `${USERS}/${id}`, headers, [{ operation: 'replace', field: 'accountStatus', value: 'inactive' }])).statusCode, 200);
      assert.equal((await call(arbor, 'DELETE', `${USERS}/${id}`, headers)).statusCode, 200);
    }
  });

  it('counts wrong X-OpenIDM passwords toward the lockout, as a journey would', async () => {
    const wrong = { 'x-openidm-username': 'rooty', 'x-openidm-password': 'Wrong-Passw0rd' };
    const right = { 'x-openidm-username': 'rooty', 'x-openidm-password': 'Secret-Passw0rd' };
    const [rooty] = (await call(arbor, 'GET', `/openidm/managed/user?_queryFilter=${encodeURIComponent('userName eq "rooty"')}`, admin)).json<{ result: { _id: string }[] }>().result;
    assert.equal((await call(arbor, 'GET', `/openidm/managed/user/${rooty?._id}`, right)).statusCode, 200, 'a root end user reads their own object');
    for (let i = 0; i < 5; i++) assert.deepEqual((await call(arbor, 'GET', `/openidm/managed/user/${rooty?._id}`, wrong)).json(), DENIED);
    assert.equal((await call(arbor, 'GET', `/openidm/managed/user/${rooty?._id}`, right)).statusCode, 401, 'locked after five failures');
    assert.equal((await call(arbor, 'GET', '/openidm/managed/user?_queryFilter=true', { 'x-openidm-username': 'nobody', 'x-openidm-password': 'x' })).statusCode, 401);
    arbor.clock.advance(16 * 60_000);
    assert.equal((await call(arbor, 'GET', `/openidm/managed/user/${rooty?._id}`, right)).statusCode, 200, 'the 15-minute lockout is over');
    admin = sessionCookie(await signIn(arbor, 'root', 'amadmin', ADMIN_PASSWORD));
    dave = sessionCookie(await signIn(arbor, 'alpha', 'dave', 'Secret-Passw0rd'));
  });

  it('an end user reads only their own object, and only its viewable properties', async () => {
    const own = await call(arbor, 'GET', `${USERS}/${daveId}?_fields=*,_meta/*,kbaInfo`, dave);
    assert.equal(own.statusCode, 200, own.body);
    const body = own.json<Record<string, unknown>>();
    assert.equal(body.userName, 'dave');
    assert.equal(body.kbaInfo, undefined, 'kbaInfo is not viewable');
    assert.equal(body._meta, undefined);
    assert.equal(body.password, undefined);
    const other = await call(arbor, 'GET', `${USERS}/${erinId}`, dave);
    assert.equal(other.statusCode, 403);
    assert.deepEqual(other.json(), { code: 403, reason: 'Forbidden', message: 'Access denied' });
  });

  it('an end user may not query, create, delete, patch others or touch the config', async () => {
    const refused = [
      call(arbor, 'GET', `${USERS}?_queryFilter=true`, dave),
      call(arbor, 'POST', `${USERS}?_action=create`, dave, person('mallory')),
      call(arbor, 'PUT', `${USERS}/new-one`, { ...dave, 'if-none-match': '*' }, person('mallory')),
      call(arbor, 'DELETE', `${USERS}/${daveId}`, dave),
      call(arbor, 'PATCH', `${USERS}/${erinId}`, dave, [{ operation: 'replace', field: 'sn', value: 'X' }]),
      call(arbor, 'GET', '/openidm/config/managed', dave),
      call(arbor, 'GET', '/openidm/policy', dave),
      call(arbor, 'GET', `/openidm/managed/user/${daveId}`, dave),
      call(arbor, 'POST', `${USERS}?_action=patch&_queryFilter=true`, dave, [{ operation: 'replace', field: 'sn', value: 'X' }]),
    ];
    for (const response of await Promise.all(refused)) assert.equal(response.statusCode, 403, response.body);
  });

  it('an end user changes user-editable properties only (403 naming the property), PUT keeps what they cannot see', async () => {
    const patched = await call(arbor, 'PATCH', `${USERS}/${daveId}`, dave, [{ operation: 'replace', field: 'sn', value: 'Dover' }]);
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json<{ sn: string }>().sn, 'Dover');
    const status = await call(arbor, 'PATCH', `${USERS}/${daveId}`, dave, [{ operation: 'replace', field: 'accountStatus', value: 'inactive' }]);
    assert.equal(status.statusCode, 403);
    assert.match(status.json<{ message: string }>().message, /accountStatus/);
    const current = (await call(arbor, 'GET', `${USERS}/${daveId}`, dave)).json<Record<string, unknown>>();
    const put = await call(arbor, 'PUT', `${USERS}/${daveId}`, { ...dave, 'if-match': `"${String(current._rev)}"` }, { ...current, givenName: 'David' });
    assert.equal(put.statusCode, 200, put.body);
    const stored = (await call(arbor, 'GET', `${USERS}/${daveId}?_fields=givenName,kbaInfo`, admin)).json<Record<string, unknown>>();
    assert.equal(stored.givenName, 'David');
    assert.deepEqual(stored.kbaInfo, [{ questionId: '1' }], 'kbaInfo (not viewable) survived the end user’s PUT; answers are never read');
    const kbaInfo = (await arbor.store.managedObjects.get('alpha_user', daveId))?.data.kbaInfo as { answer?: unknown }[] | undefined;
    assert.equal(typeof kbaInfo?.[0]?.answer, 'object', 'the stored (hashed) answer is kept');
    const { accountStatus: _status, ...withoutStatus } = current;
    const dropped = await call(arbor, 'PUT', `${USERS}/${daveId}`, dave, { ...withoutStatus, givenName: 'David' });
    assert.equal(dropped.statusCode, 403, 'dropping accountStatus changes it');
    assert.match(dropped.json<{ message: string }>().message, /accountStatus/);
  });

  it('an end user changes their password only with the current one in X-OpenIDM-Reauth-Password', async () => {
    const change = (headers: Record<string, string>) => call(arbor, 'PATCH', `${USERS}/${daveId}`, { ...dave, ...headers }, [{ operation: 'replace', field: 'password', value: 'Brand-New-Passw0rd' }]);
    const without = await change({});
    assert.equal(without.statusCode, 403);
    assert.match(without.json<{ message: string }>().message, /X-OpenIDM-Reauth-Password/);
    assert.equal((await change({ 'x-openidm-reauth-password': 'Wrong-Passw0rd' })).statusCode, 403);
    const changed = await change({ 'x-openidm-reauth-password': 'Secret-Passw0rd' });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.json<Record<string, unknown>>().password, undefined);
    assert.equal(await arbor.identity.verifyPassword('alpha_user', daveId, 'Brand-New-Passw0rd'), true);
    assert.equal(await arbor.identity.verifyPassword('alpha_user', daveId, 'Secret-Passw0rd'), false);
  });
});
