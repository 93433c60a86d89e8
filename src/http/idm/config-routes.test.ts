/** `/openidm/config/managed`: read, validated replace, new managed types with their indexes and unique constraints. */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { ADMIN_PASSWORD, call, onEveryDatabase, sessionCookie, signIn } from './testing/idm-test-platform.ts';

const CONFIG = '/openidm/config/managed';

interface ManagedDocument {
  _id: string;
  objects: { name: string; schema: { properties: Record<string, Record<string, unknown>> } }[];
}

function deviceType(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'device',
    schema: {
      type: 'object',
      required: ['serial'],
      properties: {
        serial: { type: 'string', searchable: true, policies: [{ policyId: 'unique' }] },
        owner: { type: 'string', searchable: true, ...extra },
        secret: { type: 'string', scope: 'private' },
      },
    },
  };
}

onEveryDatabase('the managed config endpoint', (platform) => {
  let arbor: TestPlatform;
  let admin: Record<string, string>;
  let original: ManagedDocument;
  const put = (body: unknown) => call(arbor, 'PUT', CONFIG, admin, body);

  before(async () => {
    arbor = platform();
    admin = sessionCookie(await signIn(arbor, 'root', 'amadmin', ADMIN_PASSWORD));
    original = (await call(arbor, 'GET', CONFIG, admin)).json<ManagedDocument>();
  });

  it('GET answers the whole document with IDM’s _id', () => {
    assert.equal(original._id, 'managed');
    assert.deepEqual(original.objects.map((object) => object.name), ['user', 'alpha_user']);
    assert.equal(original.objects[1]?.schema.properties.password?.scope, 'private');
  });

  it('PUT refuses a document that does not parse or names an unknown policy, with a 400 naming the field, and changes nothing', async () => {
    const badType = await put({ objects: [{ name: 'x', schema: { properties: { a: { type: 'strange' } } } }] });
    assert.equal(badType.statusCode, 400);
    assert.match(badType.json<{ message: string }>().message, /managed\.objects\[0\]\.schema\.properties\.a\.type/);
    const unknownPolicy = await put({ objects: [{ name: 'x', schema: { properties: { a: { type: 'string', policies: [{ policyId: 'be-nice' }] } } } }] });
    assert.equal(unknownPolicy.statusCode, 400);
    assert.match(unknownPolicy.json<{ message: string }>().message, /policies\[0\]\.policyId: unknown policy "be-nice"/);
    assert.equal((await put(['not', 'an', 'object'])).statusCode, 400);
    assert.equal((await put({ objects: 'none' })).statusCode, 400);
    assert.deepEqual((await call(arbor, 'GET', CONFIG, admin)).json(), original);
    assert.equal((await call(arbor, 'DELETE', CONFIG, admin)).statusCode, 405);
  });

  it('PUT adds a managed type: CREST works on it at once, searchable fields are queryable, unique is enforced, private stays private', async () => {
    const response = await put({ ...original, objects: [...original.objects, deviceType()] });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json<ManagedDocument>().objects.map((object) => object.name), ['user', 'alpha_user', 'device']);
    const created = await call(arbor, 'POST', '/openidm/managed/device?_action=create', admin, { serial: 'SN-1', owner: 'dave', secret: 's3cret' });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json<Record<string, unknown>>().secret, undefined);
    await call(arbor, 'POST', '/openidm/managed/device?_action=create', admin, { serial: 'SN-2', owner: 'dave' });
    const duplicate = await call(arbor, 'POST', '/openidm/managed/device?_action=create', admin, { serial: 'sn-1', owner: 'erin' });
    assert.equal(duplicate.statusCode, 403);
    assert.deepEqual(duplicate.json<{ detail: unknown }>().detail, { result: false, failedPolicyRequirements: [{ property: 'serial', policyRequirements: [{ policyRequirement: 'UNIQUE' }] }] });
    const owned = await call(arbor, 'GET', `/openidm/managed/device?_queryFilter=${encodeURIComponent('owner eq "dave"')}&_sortKeys=serial`, admin);
    assert.deepEqual(owned.json<{ result: { serial: string }[] }>().result.map((device) => device.serial), ['SN-1', 'SN-2']);
    assert.equal((await call(arbor, 'GET', `/openidm/managed/device?_queryFilter=${encodeURIComponent('secret eq "s3cret"')}`, admin)).statusCode, 400);
    const policies = await call(arbor, 'GET', '/openidm/policy/managed/device', admin);
    assert.equal(policies.json<{ resource: string }>().resource, 'managed/device/*');
  });

  it('PUT refuses (409) a unique constraint that stored objects break, and keeps both the old config and the data', async () => {
    const before = (await call(arbor, 'GET', CONFIG, admin)).json<ManagedDocument>();
    const response = await put({ ...before, objects: [...before.objects.slice(0, 2), deviceType({ policies: [{ policyId: 'unique' }] })] });
    assert.equal(response.statusCode, 409, response.body);
    assert.match(response.json<{ message: string }>().message, /owner/);
    assert.deepEqual((await call(arbor, 'GET', CONFIG, admin)).json(), before);
    const all = await call(arbor, 'GET', '/openidm/managed/device?_queryFilter=true', admin);
    assert.equal(all.json<{ resultCount: number }>().resultCount, 2);
    const third = await call(arbor, 'POST', '/openidm/managed/device?_action=create', admin, { serial: 'SN-3', owner: 'dave' });
    assert.equal(third.statusCode, 201, 'owner is still not unique');
  });

  it('PUT back the original document: the type is gone from the config, its objects are kept', async () => {
    assert.equal((await put(original)).statusCode, 200);
    assert.equal((await call(arbor, 'GET', '/openidm/managed/device?_queryFilter=true', admin)).statusCode, 404);
    assert.deepEqual((await call(arbor, 'GET', CONFIG, admin)).json(), original);
    assert.equal((await put({ ...original, objects: [...original.objects, deviceType()] })).statusCode, 200);
    assert.equal((await call(arbor, 'GET', '/openidm/managed/device?_queryFilter=true', admin)).json<{ resultCount: number }>().resultCount, 3);
  });
});
