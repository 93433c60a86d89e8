/**
 * The administrator's sessions REST: amadmin lists a user's sessions (handles, never tokens) and
 * the realm's, newest first and paged, ends one by its handle (that token no longer validates,
 * the other does) and all of a user's; alpha's realm administrator may do so in alpha only; plain
 * users and anonymous callers are refused; bad input is a 400 with a clear message; the
 * token-based actions on the same path still work.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { inMemoryPlatform } from '../../platform/testing/in-memory-platform.ts';
import { acceptActiveTerms } from '../testing/accept-active-terms.ts';
import { injectCall, injectSignIn } from '../testing/inject-client.ts';
import { adminHandleOf, parseAdminHandle } from './admin-session-handle.ts';

const ADMIN_PASSWORD = 'Admin-Passw0rd!';
const PASSWORD = 'Secret-Passw0rd';
const ALPHA = '/am/json/realms/root/realms/alpha/sessions';
const ROOT = '/am/json/realms/root/sessions';

type Listing = { result: Record<string, unknown>[]; resultCount: number; totalPagedResults: number; remainingPagedResults: number };

describe('the administrator’s sessions REST', () => {
  let arbor: TestPlatform;
  let admin: Record<string, string>;
  let realmAdmin: Record<string, string>;
  let plain: Record<string, string>;
  const call = injectCall(() => arbor.app);
  const tokenOf = (headers: Record<string, string>): string => String(headers.cookie).replace('iPlanetDirectoryPro=', '');
  const valid = async (token: string): Promise<boolean> => (await call('POST', `${ALPHA}?_action=validate`, {}, { tokenId: token })).json<{ valid: boolean }>().valid;
  const list = async (filter: string, headers: Record<string, string> = admin, extra = ''): Promise<Listing> => {
    const answer = await call('GET', `${ALPHA}?_queryFilter=${encodeURIComponent(filter)}${extra}`, headers);
    assert.equal(answer.statusCode, 200, answer.body);
    return answer.json<Listing>();
  };

  before(async () => {
    arbor = await inMemoryPlatform({ ARBOR_ADMIN_PASSWORD: ADMIN_PASSWORD });
    admin = await injectSignIn(arbor.app, '', 'amadmin', ADMIN_PASSWORD);
    const person = (userName: string) => ({ userName, password: PASSWORD, givenName: userName, sn: 'A', mail: `${userName}@example.com` });
    const ada = await arbor.identity.createUser('alpha_user', person('ada'));
    for (const name of ['bob', 'carl']) await arbor.identity.createUser('alpha_user', person(name));
    const granted = await call('POST', `/openidm/managed/alpha_user/${ada._id}/authzRoles`, admin, { _ref: 'internal/role/realm-admin-alpha' });
    assert.equal(granted.statusCode, 201, granted.body);
    for (const name of ['ada', 'bob', 'carl']) await acceptActiveTerms(arbor, 'alpha_user', name);
    realmAdmin = await injectSignIn(arbor.app, '/realms/alpha', 'ada', PASSWORD);
    plain = await injectSignIn(arbor.app, '/realms/alpha', 'carl', PASSWORD);
  });
  after(async () => arbor?.close());

  it('lists a user’s sessions newest first with handles that are not their tokens, and ends one by its handle', async () => {
    const first = tokenOf(await injectSignIn(arbor.app, '/realms/alpha', 'bob', PASSWORD));
    arbor.clock.advance(1000);
    const second = tokenOf(await injectSignIn(arbor.app, '/realms/alpha', 'bob', PASSWORD));
    const listing = await list('username eq "bob"');
    assert.equal(listing.totalPagedResults, 2);
    assert.deepEqual(listing.result.map((entry) => entry.username), ['bob', 'bob']);
    assert.ok(String(listing.result[0]?.creationTime) > String(listing.result[1]?.creationTime), 'newest first');
    for (const field of ['latestAccessTime', 'maxIdleExpirationTime', 'maxSessionExpirationTime', 'creationTime']) assert.match(String(listing.result[0]?.[field]), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const text = JSON.stringify(listing);
    assert.ok(!text.includes(first) && !text.includes(second), 'no token in the listing');
    const newest = String(listing.result[0]?.sessionHandle);
    const ended = await call('POST', `${ALPHA}?_action=logoutByHandle`, admin, { sessionHandles: [newest, 'shandle:bogus'] });
    assert.equal(ended.statusCode, 200, ended.body);
    assert.deepEqual(ended.json(), { result: { [newest]: true, 'shandle:bogus': false } });
    assert.equal(await valid(second), false, 'the newest session ended');
    assert.equal(await valid(first), true, 'the other still validates');
    assert.equal((await list('username eq "bob"')).totalPagedResults, 1);
  });

  it('lists the realm’s sessions paged and finds them by a username prefix', async () => {
    const all = await list('true');
    const names = all.result.map((entry) => entry.username).sort();
    assert.deepEqual(names, ['ada', 'bob', 'carl']);
    const page = await list('true', admin, '&_pageSize=2&_pagedResultsOffset=2');
    assert.equal(page.resultCount, 1);
    assert.equal(page.totalPagedResults, 3);
    assert.equal(page.remainingPagedResults, 0);
    assert.deepEqual((await list('username sw "ca"')).result.map((entry) => entry.username), ['carl']);
  });

  it('ends every session of a user by logoutByUser', async () => {
    const token = tokenOf(await injectSignIn(arbor.app, '/realms/alpha', 'bob', PASSWORD));
    const answer = await call('POST', `${ALPHA}?_action=logoutByUser`, admin, { username: 'bob' });
    assert.equal(answer.statusCode, 200, answer.body);
    assert.equal(await valid(token), false);
    assert.equal((await list('username eq "bob"')).totalPagedResults, 0);
    assert.equal((await call('POST', `${ALPHA}?_action=logoutByUser`, admin, { username: 'nobody' })).statusCode, 404);
  });

  it('lets alpha’s realm administrator act in alpha only, and refuses plain users and anonymous callers', async () => {
    assert.equal((await call('GET', `${ALPHA}?_queryFilter=true`, realmAdmin)).statusCode, 200);
    assert.equal((await call('GET', `${ROOT}?_queryFilter=true`, realmAdmin)).statusCode, 403, 'another realm');
    assert.equal((await call('POST', `${ROOT}?_action=logoutByUser`, realmAdmin, { username: 'amadmin' })).statusCode, 403);
    assert.equal((await call('GET', `${ALPHA}?_queryFilter=true`, plain)).statusCode, 403);
    assert.equal((await call('POST', `${ALPHA}?_action=logoutByHandle`, plain, { sessionHandles: ['shandle:x'] })).statusCode, 403);
    assert.equal((await call('GET', `${ALPHA}?_queryFilter=true`, {})).statusCode, 401);
    assert.equal((await call('POST', `${ALPHA}?_action=logoutByUser`, {}, { username: 'bob' })).statusCode, 401);
    assert.equal((await call('GET', '/am/json/realms/root/realms/nowhere/sessions?_queryFilter=true', admin)).statusCode, 404);
  });

  it('answers bad input with a 400 and a clear message', async () => {
    const cases: [string, string, unknown, RegExp][] = [
      ['GET', `${ALPHA}`, undefined, /_queryFilter is required/],
      ['GET', `${ALPHA}?_queryFilter=${encodeURIComponent('username eq')}`, undefined, /./],
      ['GET', `${ALPHA}?_queryFilter=true&_pageSize=-1`, undefined, /_pageSize must be a non-negative integer/],
      ['POST', `${ALPHA}?_action=logoutByHandle`, { sessionHandles: 'x' }, /sessionHandles must be a list/],
      ['POST', `${ALPHA}?_action=logoutByHandle`, { sessionHandles: [] }, /sessionHandles must be a list/],
      ['POST', `${ALPHA}?_action=logoutByHandle`, { sessionHandles: [42] }, /must be a string/],
      ['POST', `${ALPHA}?_action=logoutByHandle`, [1], /must be a JSON object/],
      ['POST', `${ALPHA}?_action=logoutByUser`, { username: 7 }, /username must be/],
    ];
    for (const [method, url, body, message] of cases) {
      const answer = await call(method === 'GET' ? 'GET' : 'POST', url, admin, body);
      assert.equal(answer.statusCode, 400, `${method} ${url}: ${answer.body}`);
      assert.match(answer.json<{ message: string }>().message, message);
    }
  });

  it('keeps the token-based actions on the same path', async () => {
    const token = tokenOf(await injectSignIn(arbor.app, '/realms/alpha', 'carl', PASSWORD));
    assert.equal(await valid(token), true);
    const info = await call('POST', `${ALPHA}/?_action=getSessionInfo`, {}, { tokenId: token });
    assert.equal(info.json<{ username: string }>().username, 'carl');
    assert.equal((await call('POST', `${ALPHA}?_action=nonsense`, {}, {})).statusCode, 400);
    assert.equal((await call('POST', '/am/json/realms/root/realms/nowhere/sessions?_action=validate', {}, {})).statusCode, 404);
  });

  it('derives handles that name the user and the session, and refuses forged ones', () => {
    const handle = adminHandleOf('0c1d-user', 'Abc_12-x');
    assert.deepEqual(parseAdminHandle(handle), { userId: '0c1d-user', handle: 'Abc_12-x' });
    for (const forged of ['Abc_12-x', 'shandle:', 'shandle:.x', `${handle}.`, 'shandle:MGMx=.x', `shandle:${'a'.repeat(2000)}.x`]) assert.equal(parseAdminHandle(forged), undefined, forged);
  });
});
