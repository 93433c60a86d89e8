/** AM's OAuth2Client agents over HTTP on the real platform (the OIDC capability registers the routes): AM's shapes, the write-only secret, every bad field in the 400, administrators only. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inMemoryPlatform, type TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { acceptActiveTerms } from '../testing/accept-active-terms.ts';
import { injectCall, injectSignIn } from '../testing/inject-client.ts';

const ADMIN_PASSWORD = 'Admin-Passw0rd!';
const AGENTS = '/am/json/realms/root/realms/alpha/realm-config/agents/OAuth2Client';
const WEB = {
  coreOAuth2ClientConfig: { userpassword: 'Web-S3cret-value', redirectionUris: { inherited: false, value: ['https://app.example/cb'] }, scopes: ['openid', 'profile'] },
  advancedOAuth2ClientConfig: { grantTypes: ['authorization_code', 'refresh_token'], isConsentImplied: true },
};

describe('OAuth2Client REST', () => {
  let arbor: TestPlatform;
  let admin: Record<string, string>;
  const call = injectCall(() => arbor.app);

  before(async () => {
    arbor = await inMemoryPlatform({ ARBOR_ADMIN_PASSWORD: ADMIN_PASSWORD });
    admin = await injectSignIn(arbor.app, '', 'amadmin', ADMIN_PASSWORD);
    await arbor.identity.createUser('alpha_user', { userName: 'erin', password: 'Secret-Passw0rd', givenName: 'Erin', sn: 'E', mail: 'erin@example.com' });
  });
  after(async () => arbor?.close());

  it('creates (201), reads without userpassword, replaces keeping the secret (200), lists and deletes in AM’s shapes', async () => {
    const created = await call('PUT', `${AGENTS}/web`, admin, WEB);
    assert.equal(created.statusCode, 201, created.body);
    const body = created.json<Record<string, Record<string, unknown>>>();
    assert.equal(body._id as unknown, 'web');
    assert.deepEqual(body._type, { _id: 'OAuth2Client', name: 'OAuth2 Clients', collection: true });
    assert.deepEqual(body.coreOAuth2ClientConfig?.redirectionUris, { inherited: false, value: ['https://app.example/cb'] });
    assert.deepEqual(body.advancedOAuth2ClientConfig?.isConsentImplied, { inherited: false, value: true });
    assert.doesNotMatch(created.body, /userpassword|Web-S3cret/);
    const read = await call('GET', `/json/realms/root/realms/alpha/realm-config/agents/OAuth2Client/web`, admin);
    assert.equal(read.statusCode, 200);
    assert.deepEqual(read.json(), body);

    const replaced = await call('PUT', `${AGENTS}/web`, admin, { ...body, coreOAuth2ClientConfig: { ...body.coreOAuth2ClientConfig, status: 'Inactive' } });
    assert.equal(replaced.statusCode, 200, replaced.body);
    assert.deepEqual(replaced.json<Record<string, Record<string, unknown>>>().coreOAuth2ClientConfig?.status, { inherited: false, value: 'Inactive' });

    const listed = await call('GET', `${AGENTS}?_queryFilter=true`, admin);
    assert.equal(listed.statusCode, 200);
    assert.deepEqual(listed.json<{ result: { _id: string }[]; resultCount: number }>().result.map((client) => client._id), ['web']);
    assert.doesNotMatch(listed.body, /Web-S3cret|userpassword/);
    assert.equal((await call('GET', `${AGENTS}`, admin)).statusCode, 400, 'a query needs _queryFilter=true');
    assert.equal((await call('GET', '/am/json/realms/root/realm-config/agents/OAuth2Client?_queryFilter=true', admin)).json<{ resultCount: number }>().resultCount, 0, 'root has its own clients');

    assert.equal((await call('DELETE', `${AGENTS}/web`, admin)).json<{ _id: string }>()._id, 'web');
    assert.equal((await call('GET', `${AGENTS}/web`, admin)).statusCode, 404);
    assert.equal((await call('DELETE', `${AGENTS}/web`, admin)).statusCode, 404);
  });

  it('answers a bad write with a 400 in AM’s error shape naming every field, and writes nothing', async () => {
    const answer = await call('PUT', `${AGENTS}/bad`, admin, { coreOAuth2ClientConfig: { redirectionUris: ['https://a.example/cb#frag'], clientType: 'Secret' }, advancedOAuth2ClientConfig: { grantTypes: ['implicit'] }, colour: 'red' });
    assert.equal(answer.statusCode, 400);
    const error = answer.json<{ code: number; reason: string; message: string; detail: { errors: { field: string; reason: string }[] } }>();
    assert.equal(error.reason, 'Bad Request');
    assert.deepEqual(error.detail.errors.map((item) => item.field).sort(), ['advancedOAuth2ClientConfig.grantTypes', 'colour', 'coreOAuth2ClientConfig.clientType', 'coreOAuth2ClientConfig.redirectionUris']);
    assert.match(error.message, /implicit grant is refused/);
    assert.equal((await call('GET', `${AGENTS}/bad`, admin)).statusCode, 404);
    assert.equal((await call('PUT', `${AGENTS}/bad`, admin, '{"coreOAuth2ClientConfig": ')).statusCode, 400, 'malformed JSON');
    assert.equal((await call('PUT', `${AGENTS}/bad`, admin, { coreOAuth2ClientConfig: { redirectionUris: ['https://a.example/cb'] } })).json<{ detail: { errors: { field: string }[] } }>().detail.errors[0]?.field, 'coreOAuth2ClientConfig.userpassword');
  });

  it('is for administrators only; unknown realms are 404', async () => {
    assert.equal((await call('GET', `${AGENTS}/web`, {})).statusCode, 401);
    assert.equal((await call('PUT', `${AGENTS}/web`, {}, WEB)).statusCode, 401);
    await acceptActiveTerms(arbor, 'alpha_user', 'erin');
    const user = await injectSignIn(arbor.app, '/realms/alpha', 'erin', 'Secret-Passw0rd');
    assert.equal((await call('GET', `${AGENTS}?_queryFilter=true`, user)).statusCode, 403);
    assert.equal((await call('PUT', `${AGENTS}/web`, user, WEB)).statusCode, 403);
    const unknown = await call('GET', '/am/json/realms/root/realms/nowhere/realm-config/agents/OAuth2Client?_queryFilter=true', admin);
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json<{ message: string }>().message, 'Realm /nowhere not found');
  });
});
