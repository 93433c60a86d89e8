/**
 * The audit end to end through the HTTP app: administrators read `/openidm/audit/<topic>` (others
 * get 401/403, bad queries a 400 naming the parameter); a sign-in with a wrong password is a
 * FAILURE authentication event naming the node that failed; a user update is an activity event
 * with before and after and never the password; a tree PUT is a config event; access events are
 * kept only when asked for, without query strings; one user's failure is found under 60 000
 * newer events, with an exact total when the filter is answered by the store; and an audit store
 * that throws fails nobody's sign-in.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AuditEvent } from '../../audit/audit-event.ts';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { testPlatformOn } from '../../platform/testing/in-memory-platform.ts';
import { memoryAuditStore } from '../../store/memory/memory-audit-store.ts';
import { openStore } from '../../store/open-store.ts';
import { ADMIN_PASSWORD, call, onEveryDatabase, sessionCookie, signIn } from '../idm/testing/idm-test-platform.ts';
import { acceptActiveTerms } from '../testing/accept-active-terms.ts';

const USERS = '/openidm/managed/alpha_user';
const LOGIN = '/am/json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=Login';
const TREES = '/am/json/realms/root/realms/alpha/realm-config/authentication/authenticationtrees';
const person = (userName: string) => ({ userName, givenName: 'Dave', sn: 'Doe', mail: `${userName}@example.com`, password: 'Secret-Passw0rd' });

async function events(arbor: TestPlatform, headers: Record<string, string>, topic: string, filter: string): Promise<AuditEvent[]> {
  const answer = await call(arbor, 'GET', `/openidm/audit/${topic}?_queryFilter=${encodeURIComponent(filter)}`, headers);
  assert.equal(answer.statusCode, 200, answer.body);
  return answer.json<{ result: AuditEvent[] }>().result;
}

function wrongPassword(arbor: TestPlatform, username: string) {
  return arbor.app.inject({ method: 'POST', url: LOGIN, headers: { 'x-openam-username': username, 'x-openam-password': 'Wrong-Passw0rd' } });
}

onEveryDatabase('Audit', (platform) => {
  let arbor: TestPlatform;
  let admin: Record<string, string>;
  let daveId: string;
  let dave: Record<string, string>;

  before(async () => {
    arbor = platform();
    admin = sessionCookie(await signIn(arbor, 'root', 'amadmin', ADMIN_PASSWORD));
    daveId = (await call(arbor, 'POST', `${USERS}?_action=create`, admin, { ...person('dave'), kbaInfo: [{ questionId: '1', answer: 'my first pet' }] })).json<{ _id: string }>()._id;
    await acceptActiveTerms(arbor, 'alpha_user', 'dave');
    dave = sessionCookie(await signIn(arbor, 'alpha', 'dave', 'Secret-Passw0rd'));
  });

  it('refuses anonymous callers (401) and end users (403)', async () => {
    assert.equal((await call(arbor, 'GET', '/openidm/audit/authentication?_queryFilter=true', {})).statusCode, 401);
    assert.equal((await call(arbor, 'GET', '/openidm/audit/authentication?_queryFilter=true', dave)).statusCode, 403);
    assert.equal((await call(arbor, 'GET', '/openidm/audit/activity?_queryFilter=true', { 'x-openidm-username': 'dave', 'x-openidm-password': 'Secret-Passw0rd' })).statusCode, 401, 'dave is no root-realm user');
  });

  it('answers a bad query with a 400 naming what is wrong, an unknown topic with a 404', async () => {
    const cases: [string, number, RegExp][] = [
      ['/openidm/audit/authentication', 400, /_queryFilter is required/],
      ['/openidm/audit/authentication?_queryFilter=userName%20eq', 400, /Invalid query filter/],
      ['/openidm/audit/authentication?_queryFilter=true&_sortKeys=userName', 400, /_sortKeys/],
      ['/openidm/audit/authentication?_queryFilter=true&_pageSize=many', 400, /_pageSize/],
      ['/openidm/audit/authentication?_queryFilter=true&_pageSize=5000', 400, /_pageSize/],
      ['/openidm/audit/recon?_queryFilter=true', 404, /topics are authentication, activity, config, access/],
    ];
    for (const [url, status, message] of cases) {
      const answer = await call(arbor, 'GET', url, admin);
      assert.equal(answer.statusCode, status, url);
      assert.match(answer.json<{ message: string }>().message, message, url);
    }
  });

  it('records a failed sign-in as a FAILURE naming the node that failed, and a sign-in as a SUCCESS', async () => {
    const failed = await wrongPassword(arbor, 'dave');
    assert.equal(failed.statusCode, 401);
    const [failure] = await events(arbor, admin, 'authentication', 'userName eq "dave" and outcome eq "FAILURE"');
    assert.ok(failure?.topic === 'authentication', 'a failure event');
    assert.equal(failure.realm, 'alpha');
    assert.equal(failure.journey, 'Login');
    assert.equal(failure.node?.type, 'DataStoreDecisionNode');
    assert.equal(failure.node?.tree, 'Login');
    assert.equal(typeof failure.clientIp, 'string');
    assert.equal(typeof failure.transactionId, 'string');
    assert.ok(Date.parse(failure.timestamp) > Date.now() - 60_000);
    const successes = await events(arbor, admin, 'authentication', 'userName eq "dave" and outcome eq "SUCCESS"');
    assert.ok(successes.length >= 1);
    assert.equal(successes[0]?.topic === 'authentication' ? successes[0].node : 'wrong topic', undefined, 'no failed node on a success');
  });

  it('records a user update with before and after, never the password, hash or security answers', async () => {
    const patched = await call(arbor, 'PATCH', `${USERS}/${daveId}`, admin, [
      { operation: 'replace', field: '/givenName', value: 'David' },
      { operation: 'replace', field: '/password', value: 'Another-Passw0rd' },
    ]);
    assert.equal(patched.statusCode, 200, patched.body);
    const [update] = await events(arbor, admin, 'activity', `objectId eq "${daveId}" and operation eq "update" and after/givenName eq "David"`);
    assert.ok(update?.topic === 'activity', 'an activity event');
    assert.equal(update.objectType, 'alpha_user');
    assert.equal(update.realm, 'alpha');
    assert.equal(update.before?.givenName, 'Dave');
    assert.equal(update.after?.givenName, 'David');
    assert.deepEqual(update.actor, { realm: 'root', username: 'amadmin', userId: update.actor?.userId });
    assert.ok(update.changedFields?.includes('password'), 'the password change is named');
    const text = JSON.stringify(await events(arbor, admin, 'activity', `objectId eq "${daveId}"`));
    for (const secret of ['Another-Passw0rd', 'Secret-Passw0rd', '$argon2', 'my first pet', '"password":', '"answer":']) assert.ok(!text.includes(secret), `${secret} is in the audit`);
  });

  it('records a tree PUT as a config event with who did it', async () => {
    const tree = (await call(arbor, 'GET', `${TREES}/trees/Login`, admin)).json<Record<string, unknown>>();
    const put = await call(arbor, 'PUT', `${TREES}/trees/Login`, admin, { ...tree, description: 'Audited sign-in' });
    assert.ok(put.statusCode === 200 || put.statusCode === 201, put.body);
    const [change] = await events(arbor, admin, 'config', 'objectId eq "alpha/Login"');
    assert.ok(change?.topic === 'config', 'a config event');
    assert.equal(change.objectType, 'journey');
    assert.equal(change.operation, 'update');
    assert.equal(change.actor?.username, 'amadmin');
    assert.equal((change.after as { tree?: { description?: string } }).tree?.description, 'Audited sign-in');
  });

  it('lists newest first by default, oldest first with _sortKeys=timestamp, in pages', async () => {
    for (let index = 0; index < 3; index += 1) await wrongPassword(arbor, 'nobody-here');
    const newest = await call(arbor, 'GET', `/openidm/audit/authentication?_queryFilter=${encodeURIComponent('userName eq "nobody-here"')}&_pageSize=2`, admin);
    const page = newest.json<{ result: AuditEvent[]; pagedResultsCookie: string | null }>();
    assert.equal(page.result.length, 2);
    assert.equal(page.pagedResultsCookie, '2');
    const rest = await call(arbor, 'GET', `/openidm/audit/authentication?_queryFilter=${encodeURIComponent('userName eq "nobody-here"')}&_pageSize=2&_pagedResultsOffset=2`, admin);
    assert.equal(rest.json<{ result: AuditEvent[]; pagedResultsCookie: string | null }>().pagedResultsCookie, null);
    const oldest = await events(arbor, admin, 'authentication', 'userName eq "nobody-here"');
    const ascending = (await call(arbor, 'GET', `/openidm/audit/authentication?_queryFilter=${encodeURIComponent('userName eq "nobody-here"')}&_sortKeys=timestamp`, admin)).json<{ result: AuditEvent[] }>().result;
    assert.deepEqual(ascending.map((event) => event._id), oldest.map((event) => event._id).reverse());
  });

  it('shows a realm administrator only the events of their realm', async () => {
    const ada = (await call(arbor, 'POST', `${USERS}?_action=create`, admin, person('ada'))).json<{ _id: string }>();
    const granted = await call(arbor, 'POST', `${USERS}/${ada._id}/authzRoles`, admin, { _ref: 'internal/role/realm-admin-alpha' });
    assert.equal(granted.statusCode, 201, granted.body);
    await acceptActiveTerms(arbor, 'alpha_user', 'ada');
    const realmAdmin = sessionCookie(await signIn(arbor, 'alpha', 'ada', 'Secret-Passw0rd'));
    const theirs = await events(arbor, realmAdmin, 'authentication', 'true');
    assert.ok(theirs.length > 0);
    assert.ok(theirs.every((event) => event.topic === 'authentication' && event.realm === 'alpha'));
    const everything = await events(arbor, admin, 'authentication', 'realm eq "root"');
    assert.ok(everything.length > 0, 'the administrator sees the root realm sign-ins');
    assert.deepEqual(await events(arbor, realmAdmin, 'authentication', 'realm eq "root"'), []);
  });

  it('keeps no access events unless ARBOR_AUDIT_ACCESS=store', async () => {
    assert.deepEqual(await events(arbor, admin, 'access', 'true'), []);
  });

  // Last: it leaves 60 000 events newer than every other test's.
  it('finds one user\'s failed sign-in under 60 000 newer events, counting the matches when the store answers the whole filter', async () => {
    assert.equal((await wrongPassword(arbor, 'needle')).statusCode, 401);
    const base = Date.now() + 1000;
    await arbor.store.audit.appendMany(
      Array.from({ length: 60_000 }, (_, index) => ({
        event: { topic: 'authentication', _id: `bulk-${index}`, timestamp: new Date(base + index).toISOString(), realm: 'alpha', journey: 'Login', outcome: 'FAILURE', userName: `bulk${index % 500}` },
        at: base + index,
      })),
    );
    const query = async (filter: string) => {
      const answer = await call(arbor, 'GET', `/openidm/audit/authentication?_queryFilter=${encodeURIComponent(filter)}&_totalPagedResultsPolicy=EXACT`, admin);
      assert.equal(answer.statusCode, 200, answer.body);
      return answer.json<{ result: AuditEvent[]; totalPagedResultsPolicy: string; totalPagedResults: number }>();
    };
    const found = await query('userName eq "NEEDLE" and realm eq "alpha"');
    assert.deepEqual(found.result.map((event) => (event.topic === 'authentication' ? event.userName : '')), ['needle']);
    assert.deepEqual([found.totalPagedResultsPolicy, found.totalPagedResults], ['EXACT', 1]);
    const mixed = await query('userName eq "needle" and node/type eq "DataStoreDecisionNode"');
    assert.equal(mixed.result.length, 1);
    assert.deepEqual([mixed.totalPagedResultsPolicy, mixed.totalPagedResults], ['NONE', -1], 'no count when part of the filter is evaluated on what is read');
    assert.deepEqual((await query('userName eq "needle" and node/type eq "PageNode"')).result, []);
    assert.equal((await query('userName eq "bulk7"')).totalPagedResults, 120);
    const estimate = await call(arbor, 'GET', '/openidm/audit/authentication?_queryFilter=true&_totalPagedResultsPolicy=ESTIMATE', admin);
    assert.equal(estimate.statusCode, 400);
    assert.match(estimate.json<{ message: string }>().message, /_totalPagedResultsPolicy/);
  });
});

describe('Audit with access events kept', () => {
  let arbor: TestPlatform;
  before(async () => {
    arbor = await testPlatformOn((clock) => openStore({ memory: true, clock }), { ARBOR_ADMIN_PASSWORD: ADMIN_PASSWORD, ARBOR_AUDIT_ACCESS: 'store' });
  });
  after(() => arbor.close());

  it('records the route pattern, status and time of a request, never its query string', async () => {
    const admin = { 'x-openidm-username': 'amadmin', 'x-openidm-password': ADMIN_PASSWORD };
    await call(arbor, 'GET', `${USERS}?_queryFilter=${encodeURIComponent('mail eq "secret@example.com"')}`, admin);
    const access = await events(arbor, admin, 'access', 'method eq "GET" and status eq 200');
    const query = access.find((event) => event.topic === 'access' && event.route.startsWith('/openidm/managed'));
    assert.ok(query?.topic === 'access', JSON.stringify(access.slice(0, 3)));
    assert.ok(!query.route.includes('?'));
    assert.equal(typeof query.elapsedMs, 'number');
    assert.ok(!JSON.stringify(access).includes('secret@example.com'));
  });
});

describe('Audit with a store that throws', () => {
  let arbor: TestPlatform;
  before(async () => {
    const failing = { ...memoryAuditStore(), append: async () => Promise.reject(new Error('disk full')) };
    arbor = await testPlatformOn(async (clock) => ({ ...(await openStore({ memory: true, clock })), audit: failing }), { ARBOR_ADMIN_PASSWORD: ADMIN_PASSWORD });
  });
  after(() => arbor.close());

  it('still signs users in, and still answers their failures', async () => {
    const token = await signIn(arbor, 'root', 'amadmin', ADMIN_PASSWORD);
    assert.equal(typeof token, 'string');
    const created = await call(arbor, 'POST', `${USERS}?_action=create`, sessionCookie(token), person('erin'));
    assert.equal(created.statusCode, 201, created.body);
    assert.equal((await wrongPassword(arbor, 'erin')).statusCode, 401);
  });
});
