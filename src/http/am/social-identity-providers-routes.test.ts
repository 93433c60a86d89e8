/** AM's Social Identity Provider Service over HTTP, on the real platform (the social capability registers the routes): AM's shapes, create/replace/delete, listings, validation 400s, admins only. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { injectCall, injectSignIn } from '../testing/inject-client.ts';
import { inMemoryPlatform } from '../../platform/testing/in-memory-platform.ts';
import { acceptActiveTerms } from '../testing/accept-active-terms.ts';

const ADMIN_PASSWORD = 'Admin-Passw0rd!';
const SERVICE = '/am/json/realms/root/realms/alpha/realm-config/services/SocialIdentityProviders';
const GITHUB = { clientId: 'gh-client', clientSecret: 'gh-Secret-123', redirectURI: 'https://login.example.com/am', enabled: true };

describe('SocialIdentityProviders REST', () => {
  let arbor: TestPlatform;
  let admin: Record<string, string>;
  let user: Record<string, string>;
  const call = injectCall(() => arbor.app);
  const signIn = (realmPath: string, username: string, password: string): Promise<Record<string, string>> => injectSignIn(arbor.app, realmPath, username, password);

  before(async () => {
    arbor = await inMemoryPlatform({ ARBOR_ADMIN_PASSWORD: ADMIN_PASSWORD });
    admin = await signIn('', 'amadmin', ADMIN_PASSWORD);
    await arbor.identity.createUser('alpha_user', { userName: 'erin', password: 'Secret-Passw0rd', givenName: 'Erin', sn: 'E', mail: 'erin@example.com', preferences: { updates: true, marketing: true } });
    await acceptActiveTerms(arbor, 'alpha_user', 'erin');
  });
  after(async () => arbor?.close());

  it('creates (201), reads without the secret, replaces (200), lists and deletes in AM’s shapes', async () => {
    const created = await call('PUT', `${SERVICE}/gitHubConfig/github`, admin, GITHUB);
    assert.equal(created.statusCode, 201, created.body);
    const body = created.json<Record<string, unknown>>();
    assert.equal(body._id, 'github');
    assert.deepEqual(body._type, { _id: 'gitHubConfig', name: 'Client configuration for GitHub.', collection: true });
    assert.equal(body.tokenEndpoint, 'https://github.com/login/oauth/access_token', 'from the preset');
    assert.equal('clientSecret' in body, false);
    const read = await call('GET', `${SERVICE}/gitHubConfig/github`, admin);
    assert.equal(read.statusCode, 200);
    assert.deepEqual(read.json(), body);
    assert.doesNotMatch(read.body, /gh-Secret-123/);
    assert.equal((await call('PUT', `/json/realms/root/realms/alpha/realm-config/services/SocialIdentityProviders/gitHubConfig/github`, admin, { ...GITHUB, clientSecret: null, enabled: false })).statusCode, 200);
    const listed = await call('POST', `${SERVICE}?_action=nextdescendents`, admin, {});
    assert.equal(listed.statusCode, 200);
    assert.deepEqual(listed.json<{ result: { _id: string; enabled: boolean }[] }>().result.map((item) => [item._id, item.enabled]), [['github', false]]);
    const byType = await call('GET', `${SERVICE}/gitHubConfig?_queryFilter=true`, admin);
    assert.equal(byType.json<{ resultCount: number }>().resultCount, 1);
    assert.deepEqual((await call('GET', SERVICE, admin)).json(), { _id: '', enabled: true, _type: { _id: 'SocialIdentityProviders', name: 'Social Identity Provider Service', collection: false } });
    assert.equal((await call('DELETE', `${SERVICE}/gitHubConfig/github`, admin)).json<{ _id: string }>()._id, 'github');
    assert.equal((await call('GET', `${SERVICE}/gitHubConfig/github`, admin)).statusCode, 404);
    assert.equal((await call('DELETE', `${SERVICE}/gitHubConfig/github`, admin)).statusCode, 404);
  });

  it('answers a bad write with a 400 in AM’s error shape naming every field', async () => {
    const answer = await call('PUT', `${SERVICE}/oauth2Config/bad`, admin, { clientId: '', authorizationEndpoint: 'not a url', scopes: [1], pkceMethod: 'MD5', colour: 'red' });
    assert.equal(answer.statusCode, 400);
    const error = answer.json<{ code: number; reason: string; message: string; detail: { errors: { field: string }[]; validAttributes?: string[] } }>();
    assert.equal(error.code, 400);
    assert.equal(error.reason, 'Bad Request');
    assert.deepEqual(error.detail.errors.map((item) => item.field).sort(), ['authorizationEndpoint', 'clientId', 'colour', 'pkceMethod', 'redirectURI', 'scopes', 'tokenEndpoint'].sort());
    assert.ok(error.detail.validAttributes?.includes('clientId'));
    for (const field of ['authorizationEndpoint', 'colour', 'pkceMethod']) assert.match(error.message, new RegExp(field));
    assert.equal((await call('PUT', `${SERVICE}/oauth2Config/bad`, admin, '{"clientId": ')).statusCode, 400, 'malformed JSON');
    assert.equal((await call('PUT', `${SERVICE}/noSuchConfig/bad`, admin, GITHUB)).statusCode, 404, 'unknown type');
  });

  it('is for administrators only; unknown realms are 404', async () => {
    assert.equal((await call('GET', `${SERVICE}/gitHubConfig/github`, {})).statusCode, 401);
    assert.equal((await call('PUT', `${SERVICE}/gitHubConfig/github`, {}, GITHUB)).statusCode, 401);
    user ??= await signIn('/realms/alpha', 'erin', 'Secret-Passw0rd');
    assert.equal((await call('POST', `${SERVICE}?_action=nextdescendents`, user, {})).statusCode, 403);
    assert.equal((await call('PUT', `${SERVICE}/gitHubConfig/github`, user, GITHUB)).statusCode, 403);
    const unknown = await call('GET', '/am/json/realms/root/realms/nowhere/realm-config/services/SocialIdentityProviders', admin);
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json<{ message: string }>().message, 'Realm /nowhere not found');
  });
});
