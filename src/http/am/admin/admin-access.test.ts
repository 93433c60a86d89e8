/**
 * Every endpoint of AM's admin REST (`src/http/am/admin`), under both prefixes and for the root
 * realm and a sub-realm, refuses a caller without credentials (401) and a signed-in user who is
 * not an administrator (403), and such a call changes nothing; amadmin passes the same calls.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inMemoryPlatform } from '../../../platform/testing/in-memory-platform.ts';
import type { TestPlatform } from '../../../platform/testing/in-memory-platform.ts';
import { acceptActiveTerms } from '../../testing/accept-active-terms.ts';
import { injectCall, injectSignIn } from '../../testing/inject-client.ts';

const ADMIN_PASSWORD = 'Admin-Passw0rd!';
const NODE = 'd0000000-0000-4000-8000-000000000001';
const alphaId = Buffer.from('/alpha', 'utf8').toString('base64url');

type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';

/** Every admin call, with a body where it takes one. */
function calls(): [Method, string, unknown?][] {
  const all: [Method, string, unknown?][] = [];
  for (const prefix of ['/am/json', '/json']) {
    all.push(['GET', `${prefix}/serverinfo/version`]);
    all.push(['GET', `${prefix}/global-config/realms?_queryFilter=true`], ['GET', `${prefix}/global-config/realms/?_queryFilter=true`], ['GET', `${prefix}/global-config/realms/${alphaId}`]);
    all.push(['POST', `${prefix}/global-config/realms?_action=create`, { name: 'intruder' }], ['POST', `${prefix}/global-config/realms/`, { name: 'intruder' }]);
    all.push(['PUT', `${prefix}/global-config/realms/${alphaId}`, { name: 'alpha' }], ['DELETE', `${prefix}/global-config/realms/${alphaId}`]);
    for (const realm of ['/realms/root', '/realms/root/realms/alpha']) {
      const base = `${prefix}${realm}/realm-config/authentication/authenticationtrees`;
      all.push(['GET', `${base}/trees?_queryFilter=true`], ['GET', `${base}/trees/Login`], ['PUT', `${base}/trees/Login`, { _id: 'Login', entryNodeId: NODE, nodes: {} }], ['DELETE', `${base}/trees/Login`]);
      all.push(['GET', `${base}/nodes/PageNode/${NODE}`], ['PUT', `${base}/nodes/UsernameCollectorNode/${NODE}`, { _type: { _id: 'UsernameCollectorNode' } }], ['DELETE', `${base}/nodes/PageNode/${NODE}`]);
      all.push(['POST', `${base}/nodes?_action=getAllTypes`, {}], ['POST', `${base}/nodes/PageNode?_action=schema`, {}], ['POST', `${base}/nodes/PageNode?_action=template`, {}], ['POST', `${base}/nodes/ChoiceCollectorNode?_action=listOutcomes`, { choices: ['a'] }]);
    }
  }
  return all;
}

describe('admin REST access', () => {
  let arbor: TestPlatform;
  let user: Record<string, string>;
  const call = injectCall(() => arbor.app);

  before(async () => {
    arbor = await inMemoryPlatform({ ARBOR_ADMIN_PASSWORD: ADMIN_PASSWORD });
    await arbor.identity.createUser('alpha_user', { userName: 'ursula', password: 'Secret-Passw0rd', givenName: 'Ursula', sn: 'U', mail: 'ursula@example.com' });
    await acceptActiveTerms(arbor, 'alpha_user', 'ursula');
    user = await injectSignIn(arbor.app, '/realms/alpha', 'ursula', 'Secret-Passw0rd');
  });
  after(async () => arbor?.close());

  it('refuses every admin endpoint to anonymous callers (401) and to users (403), changing nothing', async () => {
    const loginBefore = await arbor.store.journeys.current('alpha', 'Login');
    for (const [method, url, body] of calls()) {
      const anonymous = await call(method, url, {}, body);
      assert.equal(anonymous.statusCode, 401, `${method} ${url}: ${anonymous.body}`);
      assert.equal(anonymous.json<{ reason: string }>().reason, 'Unauthorized');
      const signedIn = await call(method, url, user, body);
      assert.equal(signedIn.statusCode, 403, `${method} ${url}: ${signedIn.body}`);
    }
    assert.equal(await arbor.store.realms.get('intruder'), undefined);
    assert.notEqual(await arbor.store.realms.get('alpha'), undefined);
    assert.equal((await arbor.store.journeys.current('alpha', 'Login'))?.revision, loginBefore?.revision);
    assert.deepEqual(await arbor.store.configs.list('realm/alpha/stagedNodes/'), []);
  });

  it('lets amadmin through the same read calls', async () => {
    const admin = await injectSignIn(arbor.app, '', 'amadmin', ADMIN_PASSWORD);
    for (const [method, url, body] of calls()) {
      if (method !== 'GET' && !url.includes('_action=')) continue;
      if (url.includes('global-config/realms') && method === 'POST') continue;
      const answer = await call(method, url, admin, body);
      assert.ok(answer.statusCode === 200 || answer.statusCode === 404, `${method} ${url}: ${answer.statusCode} ${answer.body}`);
    }
    const viaHeaders = await call('GET', '/am/json/serverinfo/version', { 'x-openidm-username': 'amadmin', 'x-openidm-password': ADMIN_PASSWORD });
    assert.equal(viaHeaders.statusCode, 200, 'IDM’s headers work too');
  });
});
