/**
 * A realm administrator (an alpha user whose `authzRoles` hold `internal/role/realm-admin-alpha`)
 * administers alpha through AM's admin REST: trees and nodes, node types, social providers,
 * OAuth 2.0 clients, the Self Service Trees service and other users' devices; the same calls on
 * the root realm, and the global ones (realms create/delete, server version), are 403 for them.
 * A plain alpha user is refused everywhere.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inMemoryPlatform } from '../../../platform/testing/in-memory-platform.ts';
import type { TestPlatform } from '../../../platform/testing/in-memory-platform.ts';
import { alphaPeople, personOf } from '../../testing/alpha-people.ts';
import { injectCall, injectSignIn } from '../../testing/inject-client.ts';

const ADMIN_PASSWORD = 'Admin-Passw0rd!';
const ALPHA = '/am/json/realms/root/realms/alpha';
const ROOT = '/am/json/realms/root';
const TREES = 'realm-config/authentication/authenticationtrees';
const PROVIDER = 'realm-config/services/SocialIdentityProviders/gitHubConfig/github';
const CLIENT = 'realm-config/agents/OAuth2Client/web';
const SELF_SERVICE = 'realm-config/services/selfServiceTrees';
const GITHUB = { clientId: 'gh-client', clientSecret: 'gh-Secret-123', redirectURI: 'https://login.example.com/am', enabled: true };
const WEB = {
  coreOAuth2ClientConfig: { userpassword: 'Web-S3cret-value', redirectionUris: { inherited: false, value: ['https://app.example/cb'] }, scopes: ['openid'] },
  advancedOAuth2ClientConfig: { grantTypes: ['authorization_code'] },
};
type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';
const alphaId = Buffer.from('/alpha', 'utf8').toString('base64url');

describe('realm administrators on AM’s admin REST', () => {
  let arbor: TestPlatform;
  let admin: Record<string, string>;
  let realmAdmin: Record<string, string>;
  let plain: Record<string, string>;
  let otherId: string;
  let loginTree: unknown;
  const call = injectCall(() => arbor.app);

  before(async () => {
    arbor = await inMemoryPlatform({ ARBOR_ADMIN_PASSWORD: ADMIN_PASSWORD });
    admin = await injectSignIn(arbor.app, '', 'amadmin', ADMIN_PASSWORD);
    const people = await alphaPeople(arbor, admin, 'ada', ['otto', 'paul']);
    otherId = personOf(people, 'otto').id;
    realmAdmin = personOf(people, 'ada').session;
    plain = personOf(people, 'paul').session;
    loginTree = (await call('GET', `${ALPHA}/${TREES}/trees/Login`, admin)).json();
  });
  after(async () => arbor?.close());

  it('lets the realm administrator write alpha’s trees and providers and read its node types, service and devices', async () => {
    const tree = await call('PUT', `${ALPHA}/${TREES}/trees/Login`, realmAdmin, { ...Object(loginTree), description: 'Set by the realm administrator' });
    assert.equal(tree.statusCode, 200, tree.body);
    assert.equal((await call('GET', `${ALPHA}/${TREES}/trees/Login`, admin)).json<{ description: string }>().description, 'Set by the realm administrator');
    const types = await call('POST', `${ALPHA}/${TREES}/nodes?_action=getAllTypes`, realmAdmin, {});
    assert.equal(types.statusCode, 200, types.body);
    const provider = await call('PUT', `${ALPHA}/${PROVIDER}`, realmAdmin, GITHUB);
    assert.equal(provider.statusCode, 201, provider.body);
    assert.equal((await call('GET', `${ALPHA}/${SELF_SERVICE}`, realmAdmin)).statusCode, 200);
    const devices = await call('GET', `${ALPHA}/users/${otherId}/devices/2fa/oath?_queryFilter=true`, realmAdmin);
    assert.equal(devices.statusCode, 200, devices.body);
  });

  it('lets the realm administrator write alpha’s OAuth 2.0 clients', async () => {
    const client = await call('PUT', `${ALPHA}/${CLIENT}`, realmAdmin, WEB);
    assert.equal(client.statusCode, 201, client.body);
    assert.equal((await call('GET', `${ALPHA}/${CLIENT}`, admin)).statusCode, 200, 'amadmin sees the client the realm administrator wrote');
  });

  it('refuses the realm administrator the root realm and the global endpoints, changing nothing', async () => {
    const refused: [Method, string, unknown?][] = [
      ['GET', `${ROOT}/${TREES}/trees/Login`],
      ['PUT', `${ROOT}/${TREES}/trees/Login`, loginTree],
      ['POST', `${ROOT}/${TREES}/nodes?_action=getAllTypes`, {}],
      ['PUT', `${ROOT}/${PROVIDER}`, GITHUB],
      ['PUT', `${ROOT}/${CLIENT}`, WEB],
      ['GET', `${ROOT}/${SELF_SERVICE}`],
      ['POST', '/am/json/global-config/realms?_action=create', { name: 'intruder' }],
      ['DELETE', `/am/json/global-config/realms/${alphaId}`],
      ['GET', '/am/json/serverinfo/version'],
    ];
    for (const [method, url, body] of refused) {
      const answer = await call(method, url, realmAdmin, body);
      assert.equal(answer.statusCode, 403, `${method} ${url}: ${answer.body}`);
    }
    assert.equal(await arbor.store.realms.get('intruder'), undefined);
    assert.notEqual(await arbor.store.realms.get('alpha'), undefined);
    assert.equal((await call('GET', `${ROOT}/${CLIENT}`, admin)).statusCode, 404);
    assert.equal((await call('GET', `${ROOT}/${PROVIDER}`, admin)).statusCode, 404);
  });

  it('refuses a plain user of alpha every one of these calls', async () => {
    const calls: [Method, string, unknown?][] = [
      ['PUT', `${ALPHA}/${TREES}/trees/Login`, loginTree],
      ['POST', `${ALPHA}/${TREES}/nodes?_action=getAllTypes`, {}],
      ['PUT', `${ALPHA}/realm-config/services/SocialIdentityProviders/gitHubConfig/other`, GITHUB],
      ['PUT', `${ALPHA}/realm-config/agents/OAuth2Client/other`, WEB],
      ['GET', `${ALPHA}/${SELF_SERVICE}`],
      ['GET', `${ALPHA}/users/${otherId}/devices/2fa/oath?_queryFilter=true`],
      ['PUT', `${ROOT}/${TREES}/trees/Login`, loginTree],
      ['POST', '/am/json/global-config/realms?_action=create', { name: 'intruder' }],
      ['DELETE', `/am/json/global-config/realms/${alphaId}`],
    ];
    for (const [method, url, body] of calls) {
      const answer = await call(method, url, plain, body);
      assert.equal(answer.statusCode, 403, `${method} ${url}: ${answer.body}`);
    }
    assert.equal((await call('GET', `${ALPHA}/realm-config/agents/OAuth2Client/other`, admin)).statusCode, 404);
  });
});
