/**
 * A realm's services over AM's REST: the authentication service's lockout settings and default
 * journey, the Session service's lifetimes, and Arbor's whole-realm settings document. Each PUT
 * takes effect (a lockout of two failures locks at the second), a bad value is a 400 naming the
 * field and changes nothing, and only the realm's administrators may read or write them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { inMemoryPlatform } from '../../platform/testing/in-memory-platform.ts';
import { ALPHA_PEOPLE_PASSWORD as PASSWORD, alphaPeople, personOf } from '../testing/alpha-people.ts';
import { injectCall } from '../testing/inject-client.ts';

const ADMIN_PASSWORD = 'Admin-Passw0rd!';
const ALPHA = '/am/json/realms/root/realms/alpha';
const ADMIN = { 'x-openidm-username': 'amadmin', 'x-openidm-password': ADMIN_PASSWORD };

describe('realm services over AM’s REST', () => {
  let arbor: TestPlatform;
  let realmAdmin: Record<string, string>;
  let plain: Record<string, string>;
  const call = injectCall(() => arbor.app);

  before(async () => {
    arbor = await inMemoryPlatform({ ARBOR_ADMIN_PASSWORD: ADMIN_PASSWORD });
    const people = await alphaPeople(arbor, ADMIN, 'ada', ['paul', 'lou']);
    realmAdmin = personOf(people, 'ada').session;
    plain = personOf(people, 'paul').session;
  });
  after(async () => arbor?.close());

  const signIn = async (username: string, password: string) =>
    arbor.app.inject({ method: 'POST', url: `${ALPHA}/authenticate?authIndexType=service&authIndexValue=Login`, headers: { 'x-openam-username': username, 'x-openam-password': password, 'content-type': 'application/json' }, payload: '{}' });

  it("answers the lockout settings and the default journey in AM's names", async () => {
    const answer = await call('GET', `${ALPHA}/realm-config/authentication`, ADMIN);
    assert.equal(answer.statusCode, 200, answer.body);
    const body = answer.json<{ security: Record<string, unknown>; core: Record<string, unknown>; general: Record<string, unknown> }>();
    assert.deepEqual(body.security, { loginFailureLockoutMode: true, loginFailureCount: 5, loginFailureDuration: 5, lockoutDuration: 15, lockoutDurationMultiplier: 1, lockoutWarnUserCount: 0 });
    assert.equal(body.core.orgConfig, 'Login');
    assert.equal(body.general.externalLoginPageUrl, '');
  });

  it('locks an account at the count a PUT sets, keeping the sections the PUT does not carry', async () => {
    const put = await call('PUT', `${ALPHA}/realm-config/authentication`, realmAdmin, { security: { loginFailureCount: 2 }, someAmAttribute: { kept: false } });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal(put.json<{ security: { loginFailureCount: number; lockoutDuration: number } }>().security.loginFailureCount, 2);
    assert.equal(put.json<{ security: { lockoutDuration: number } }>().security.lockoutDuration, 15, 'the other lockout settings are kept');
    assert.equal(put.json<{ core: { orgConfig: string } }>().core.orgConfig, 'Login');
    for (let failure = 0; failure < 2; failure++) assert.equal((await signIn('lou', 'Wrong-Passw0rd')).statusCode, 401);
    const locked = await signIn('lou', PASSWORD);
    assert.equal(locked.statusCode, 401, 'the right password is refused once two failures locked the account');
    assert.match(locked.body, /locked/i);
  });

  it('refuses a bad lockout value with a 400 naming the field, and changes nothing', async () => {
    for (const [body, field] of [
      [{ security: { loginFailureCount: -1 } }, 'security.loginFailureCount'],
      [{ security: { loginFailureLockoutMode: 'yes' } }, 'security.loginFailureLockoutMode'],
      [{ security: { lockoutDurationMultiplier: 0 } }, 'security.lockoutDurationMultiplier'],
      [{ core: { orgConfig: '../x' } }, 'core.orgConfig'],
      [{ security: [] }, 'security'],
      [{}, 'general'],
    ] as const) {
      const answer = await call('PUT', `${ALPHA}/realm-config/authentication`, ADMIN, body);
      assert.equal(answer.statusCode, 400, JSON.stringify(body));
      assert.ok(answer.json<{ message: string }>().message.includes(field), answer.body);
    }
    const realm = await arbor.store.realms.get('alpha');
    assert.equal(realm?.lockout.failureCount, 2);
    assert.equal(realm?.journeys.defaultTree, 'Login');
  });

  it("reads and sets the Session service's lifetimes, refusing an idle time longer than the session", async () => {
    const read = await call('GET', `${ALPHA}/realm-config/services/session`, ADMIN);
    assert.deepEqual(read.json<{ dynamic: Record<string, number> }>().dynamic, { maxSessionTime: 120, maxIdleTime: 30, maxCachingTime: 3, quotaLimit: 5 });
    const set = await call('PUT', `${ALPHA}/realm-config/services/session`, ADMIN, { dynamic: { maxSessionTime: 480, maxIdleTime: 60 } });
    assert.equal(set.statusCode, 200, set.body);
    assert.deepEqual((await arbor.store.realms.get('alpha'))?.sessions, { maxSessionMinutes: 480, maxIdleMinutes: 60 });
    const refused = await call('PUT', `${ALPHA}/realm-config/services/session`, ADMIN, { dynamic: { maxIdleTime: 481 } });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.json<{ message: string }>().message, /dynamic\.maxIdleTime/);
    assert.equal((await call('PUT', `${ALPHA}/realm-config/services/session`, ADMIN, { dynamic: { maxSessionTime: 0 } })).statusCode, 400);
    assert.deepEqual((await arbor.store.realms.get('alpha'))?.sessions, { maxSessionMinutes: 480, maxIdleMinutes: 60 });
  });

  it("reads the realm's settings as realm.json and replaces them whole, every field checked", async () => {
    const trees = { ...(await arbor.store.realms.get('alpha'))?.selfServiceTrees, registration: 'MyRegistration' };
    await arbor.store.realms.put({ ...(await arbor.store.realms.get('alpha'))!, selfServiceTrees: trees });
    const read = await call('GET', `${ALPHA}/realm-config/settings`, realmAdmin);
    assert.equal(read.statusCode, 200, read.body);
    const settings = read.json<Record<string, unknown>>();
    assert.equal(settings.name, undefined, 'the name is the realm of the path');
    assert.equal(settings.userType, 'alpha_user');
    const next = { ...settings, throttling: { clientFailures: 7, clientWindowSeconds: 60, administratorFailures: 10, administratorWindowMinutes: 15 }, pages: { theme: { primaryColor: '#123456' } }, usersMayDeleteAccount: true };
    const put = await call('PUT', `${ALPHA}/realm-config/settings`, realmAdmin, next);
    assert.equal(put.statusCode, 200, put.body);
    const stored = await arbor.store.realms.get('alpha');
    assert.equal(stored?.throttling?.clientFailures, 7);
    assert.equal(stored?.pages?.theme?.primaryColor, '#123456');
    assert.equal(stored?.usersMayDeleteAccount, true);
    assert.deepEqual(stored?.selfServiceTrees, trees, 'the Self Service Trees mapping (not part of the document) is kept');
  });

  it('refuses settings with an unknown or bad field, another user type or an external page off-site, naming each, and changes nothing', async () => {
    const settings = (await call('GET', `${ALPHA}/realm-config/settings`, ADMIN)).json<Record<string, unknown>>();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...settings, surprise: 1 }, /surprise: is not a realm setting/],
      [{ ...settings, lockout: { ...Object(settings.lockout), failureCount: 'five' } }, /lockout\.failureCount/],
      [{ ...settings, userType: 'beta_user' }, /userType: cannot change/],
      [{ ...settings, externalLoginUrl: 'https://evil.example/login' }, /externalLoginUrl/],
      [{ ...settings, pages: { theme: { primaryColor: 'red;background:url(x)' } } }, /pages\.theme/],
    ];
    for (const [body, message] of cases) {
      const answer = await call('PUT', `${ALPHA}/realm-config/settings`, ADMIN, body);
      assert.equal(answer.statusCode, 400, answer.body);
      assert.match(answer.json<{ message: string }>().message, message);
    }
    assert.equal((await call('PUT', `${ALPHA}/realm-config/settings`, ADMIN, '[1]')).statusCode, 400);
    assert.equal((await arbor.store.realms.get('alpha'))?.throttling?.clientFailures, 7);
  });

  it('refuses the services to anyone but the realm’s administrators', async () => {
    for (const path of ['authentication', 'services/session', 'settings', 'services/validation']) {
      assert.equal((await call('GET', `${ALPHA}/realm-config/${path}`, {})).statusCode, 401, path);
      assert.equal((await call('GET', `${ALPHA}/realm-config/${path}`, plain)).statusCode, 403, path);
      assert.equal((await call('PUT', `${ALPHA}/realm-config/${path}`, plain, {})).statusCode, 403, path);
      assert.equal((await call('GET', `/am/json/realms/root/realm-config/${path}`, realmAdmin)).statusCode, 403, `root ${path}`);
      assert.equal((await call('GET', `${ALPHA}/realm-config/${path}`, realmAdmin)).statusCode, 200, `alpha ${path}`);
    }
  });
});
