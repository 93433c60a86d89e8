/**
 * Read-only auditors: a root user holding `internal/role/auditor` reads what administrators read
 * (users, configuration, realms, journeys, node types) and changes nothing; an alpha user holding
 * `internal/role/realm-auditor-alpha` reads alpha's administration only. `info/login` names their
 * roles, as the admin app reads them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { inMemoryPlatform } from '../../platform/testing/in-memory-platform.ts';
import { acceptActiveTerms } from '../testing/accept-active-terms.ts';
import { injectCall, injectSignIn } from '../testing/inject-client.ts';

const ADMIN = { 'x-openidm-username': 'amadmin', 'x-openidm-password': 'Admin-Passw0rd!' };
const PASSWORD = 'Secret-Passw0rd';
const ALPHA = '/am/json/realms/root/realms/alpha';
const ROOT = '/am/json/realms/root';
const TREES = 'realm-config/authentication/authenticationtrees';
type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';

describe('read-only auditors', () => {
  let arbor: TestPlatform;
  let auditor: Record<string, string>;
  let realmAuditor: Record<string, string>;
  let userId: string;
  let loginTree: unknown;
  const call = injectCall(() => arbor.app);

  before(async () => {
    arbor = await inMemoryPlatform({ ARBOR_ADMIN_PASSWORD: 'Admin-Passw0rd!' });
    const person = (userName: string) => ({ userName, password: PASSWORD, givenName: userName, sn: 'A', mail: `${userName}@example.com` });
    const audrey = await arbor.identity.createUser('user', person('audrey'));
    const rita = await arbor.identity.createUser('alpha_user', person('rita'));
    userId = (await arbor.identity.createUser('alpha_user', person('uma')))._id;
    for (const [type, id, role] of [['user', audrey._id, 'auditor'], ['alpha_user', rita._id, 'realm-auditor-alpha']] as const) {
      const granted = await call('POST', `/openidm/managed/${type}/${id}/authzRoles`, ADMIN, { _ref: `internal/role/${role}` });
      assert.equal(granted.statusCode, 201, granted.body);
    }
    await acceptActiveTerms(arbor, 'user', 'audrey');
    await acceptActiveTerms(arbor, 'alpha_user', 'rita');
    auditor = await injectSignIn(arbor.app, '', 'audrey', PASSWORD);
    realmAuditor = await injectSignIn(arbor.app, '/realms/alpha', 'rita', PASSWORD);
    loginTree = (await call('GET', `${ALPHA}/${TREES}/trees/Login`, ADMIN)).json();
  });
  after(async () => arbor?.close());

  it('lets the auditor read users, configuration, realms, journeys and node types', async () => {
    for (const [method, url] of [
      ['GET', '/openidm/managed/alpha_user?_queryFilter=true'],
      ['GET', `/openidm/managed/alpha_user/${userId}`],
      ['GET', '/openidm/config/managed'],
      ['GET', '/am/json/global-config/realms?_queryFilter=true'],
      ['GET', `${ROOT}/${TREES}/trees/Login`],
      ['POST', `${ALPHA}/${TREES}/nodes?_action=getAllTypes`],
    ] as [Method, string][]) {
      const answer = await call(method, url, auditor, method === 'POST' ? {} : undefined);
      assert.equal(answer.statusCode, 200, `${method} ${url}: ${answer.body}`);
    }
    const user = (await call('GET', `/openidm/managed/alpha_user/${userId}`, auditor)).json<Record<string, unknown>>();
    assert.equal(user.password, undefined, 'no password, as for administrators');
  });

  it('refuses the auditor every change, and nothing changes', async () => {
    const calls: [Method, string, unknown?][] = [
      ['PUT', `${ALPHA}/${TREES}/trees/Login`, { ...Object(loginTree), description: 'audited' }],
      ['PUT', '/openidm/config/managed', (await call('GET', '/openidm/config/managed', ADMIN)).json()],
      ['POST', '/openidm/managed/alpha_user?_action=create', { userName: 'sneaky', password: PASSWORD, givenName: 'S', sn: 'N', mail: 's@example.com' }],
      ['DELETE', `/openidm/managed/alpha_user/${userId}`],
      ['POST', `/openidm/managed/alpha_user/${userId}?_action=unlock`, {}],
      ['PUT', `${ALPHA}/realm-config/services/session`, { dynamic: { maxIdleTime: 5 } }],
      ['POST', '/am/json/global-config/realms?_action=create', { name: 'audited' }],
    ];
    for (const [method, url, body] of calls) {
      const answer = await call(method, url, auditor, body);
      assert.equal(answer.statusCode, 403, `${method} ${url}: ${answer.body}`);
    }
    assert.notEqual((await call('GET', `${ALPHA}/${TREES}/trees/Login`, ADMIN)).json<{ description?: string }>().description, 'audited');
    assert.equal((await call('GET', `/openidm/managed/alpha_user/${userId}`, ADMIN)).statusCode, 200);
    assert.equal(await arbor.store.realms.get('audited'), undefined);
    assert.equal((await arbor.store.realms.get('alpha'))?.sessions.maxIdleMinutes, 30);
  });

  it("lets a realm auditor read their realm's administration only, and change nothing", async () => {
    assert.equal((await call('GET', `${ALPHA}/${TREES}/trees/Login`, realmAuditor)).statusCode, 200);
    assert.equal((await call('POST', `${ALPHA}/${TREES}/nodes?_action=listOutcomes`, realmAuditor, {})).statusCode !== 403, true);
    assert.equal((await call('GET', `${ALPHA}/realm-config/settings`, realmAuditor)).statusCode, 200);
    assert.equal((await call('GET', `${ROOT}/${TREES}/trees/Login`, realmAuditor)).statusCode, 403);
    assert.equal((await call('PUT', `${ALPHA}/${TREES}/trees/Login`, realmAuditor, loginTree)).statusCode, 403);
    assert.equal((await call('PUT', `${ALPHA}/realm-config/settings`, realmAuditor, (await call('GET', `${ALPHA}/realm-config/settings`, ADMIN)).json())).statusCode, 403);
  });

  it('shows the auditor an outbox message without its body, which may hold a one-time link', async () => {
    const sent = await call('POST', '/openidm/external/email?_action=send', ADMIN, { to: 'uma@example.com', subject: 'Your link', body: 'Open https://id.example.com/reset?code=secret-one-time' });
    assert.equal(sent.statusCode, 200, sent.body);
    const listed = await call('GET', '/openidm/endpoint/outbox?_queryFilter=true', auditor);
    assert.equal(listed.statusCode, 200, listed.body);
    const id = listed.json<{ result: { _id?: string; id?: string }[] }>().result[0];
    const messageId = String(id?._id ?? id?.id);
    const asAdmin = await call('GET', `/openidm/endpoint/outbox/${messageId}`, ADMIN);
    assert.match(asAdmin.body, /secret-one-time/, 'the administrator reads the body');
    const asAuditor = await call('GET', `/openidm/endpoint/outbox/${messageId}`, auditor);
    assert.equal(asAuditor.statusCode, 200, asAuditor.body);
    assert.doesNotMatch(asAuditor.body, /secret-one-time/);
    assert.equal((await call('POST', `/openidm/endpoint/outbox/${messageId}?_action=retry`, auditor, {})).statusCode, 403);
  });

  it('names the roles in info/login', async () => {
    const roles = (await call('GET', '/openidm/info/login', realmAuditor)).json<{ authorization: { roles: string[] } }>().authorization.roles;
    assert.deepEqual(roles.sort(), ['internal/role/openidm-authorized', 'internal/role/realm-auditor-alpha']);
    const auditorRoles = (await call('GET', '/openidm/info/login', auditor)).json<{ authorization: { roles: string[] } }>().authorization.roles;
    assert.ok(auditorRoles.includes('internal/role/auditor'), JSON.stringify(auditorRoles));
    assert.ok(!auditorRoles.includes('internal/role/openidm-admin'));
  });
});
