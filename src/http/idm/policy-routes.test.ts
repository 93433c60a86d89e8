/** IDM's policy endpoints over HTTP: the policy list, resource policy objects, validateObject and validateProperty, and who may call them. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, it } from 'node:test';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { acceptActiveTerms } from '../testing/accept-active-terms.ts';
import { ADMIN_PASSWORD, call, onEveryDatabase, sessionCookie, signIn } from './testing/idm-test-platform.ts';

// The `policies` outputs of the seed's Registration step: what AM copies from this endpoint.
const golden: Record<string, unknown> = JSON.parse(readFileSync(new URL('../../policy/testing/registration-first-step-policies.json', import.meta.url), 'utf8'));

interface Validation {
  result: boolean;
  failedPolicyRequirements: { property: string; policyRequirements: { policyRequirement: string; params?: Record<string, unknown> }[] }[];
}

const requirements = (validation: Validation) => validation.failedPolicyRequirements.flatMap((failure) => failure.policyRequirements.map((requirement) => `${failure.property}:${requirement.policyRequirement}`));

onEveryDatabase('the policy endpoints', (platform) => {
  let arbor: TestPlatform;
  let admin: Record<string, string>;
  let carol: Record<string, string>;
  let carolId: string;
  const validate = async (path: string, action: string, body: unknown, headers = admin): Promise<Validation> => {
    const response = await call(arbor, 'POST', `/openidm/policy/managed/alpha_user/${path}?_action=${action}`, headers, body);
    assert.equal(response.statusCode, 200, response.body);
    return response.json<Validation>();
  };

  before(async () => {
    arbor = platform();
    admin = sessionCookie(await signIn(arbor, 'root', 'amadmin', ADMIN_PASSWORD));
    const created = await call(arbor, 'POST', '/openidm/managed/alpha_user?_action=create', admin, { userName: 'carol', givenName: 'Carol', sn: 'Cole', mail: 'carol@example.com', password: 'Secret-Passw0rd' });
    carolId = created.json<{ _id: string }>()._id;
    await acceptActiveTerms(arbor, 'alpha_user', 'carol'); // so that the alpha Login's terms step does not ask
    carol = sessionCookie(await signIn(arbor, 'alpha', 'carol', 'Secret-Passw0rd'));
  });

  it('GET /openidm/policy lists a resource policy object per managed type', async () => {
    const body = (await call(arbor, 'GET', '/openidm/policy', admin)).json<{ _id: string; resources: { resource: string }[] }>();
    assert.deepEqual(Object.keys(body), ['_id', 'resources']);
    assert.equal(body._id, '');
    assert.deepEqual(body.resources.map((resource) => resource.resource), ['managed/user/*', 'managed/alpha_user/*']);
  });

  it('GET /openidm/policy/managed/<type> answers IDM’s resource policy object, property objects byte for byte', async () => {
    const response = await call(arbor, 'GET', '/openidm/policy/managed/alpha_user', admin);
    assert.equal(response.statusCode, 200);
    const body = response.json<{ resource: string; properties: { name: string }[] }>();
    assert.deepEqual(Object.keys(body), ['resource', 'properties']);
    assert.equal(body.resource, 'managed/alpha_user/*');
    for (const name of ['userName', 'password', 'mail']) {
      const property = body.properties.find((candidate) => candidate.name === name);
      assert.equal(JSON.stringify(property), JSON.stringify(golden[name]), name);
    }
    const star = (await call(arbor, 'GET', '/openidm/policy/managed/alpha_user/*', admin)).json<Record<string, unknown>>();
    assert.deepEqual(Object.keys(star), ['_id', 'resource', 'properties']);
    assert.equal(star._id, '*');
    assert.equal((await call(arbor, 'GET', '/openidm/policy/managed/nothing', admin)).statusCode, 404);
  });

  it('validateObject checks every property of the body (UNIQUE ignores the object itself)', async () => {
    const object = { userName: 'carol', givenName: 'Carol', sn: 'Cole', mail: 'carol@example.com', password: 'abc' };
    const asNew = await validate('*', 'validateObject', object);
    assert.equal(asNew.result, false);
    assert.deepEqual(requirements(asNew).sort(), ['mail:UNIQUE', 'password:AT_LEAST_X_CAPITAL_LETTERS', 'password:AT_LEAST_X_NUMBERS', 'password:MIN_LENGTH', 'userName:UNIQUE']);
    const asCarol = await validate(carolId, 'validateObject', { ...object, password: 'Longer-Passw0rd' });
    assert.deepEqual(asCarol, { result: true, failedPolicyRequirements: [] });
    const missing = await validate('*', 'validateObject', { userName: 'new-one' });
    assert.ok(requirements(missing).includes('mail:REQUIRED'));
  });

  it('validateProperty checks only the properties given; IDM 7’s {object, properties} body works too', async () => {
    const weak = await validate(carolId, 'validateProperty', { password: '12345' });
    assert.deepEqual(requirements(weak), ['password:MIN_LENGTH', 'password:AT_LEAST_X_CAPITAL_LETTERS'], 'one entry per failing policy');
    assert.deepEqual(await validate(carolId, 'validateProperty', { noSuchProperty: 1 }), { result: true, failedPolicyRequirements: [] });
    const wrapped = await validate('*', 'validateProperty', { object: { givenName: 'Zed' }, properties: { password: 'Zed-is-0k-Zed' } });
    assert.deepEqual(requirements(wrapped), ['password:CANNOT_CONTAIN_OTHERS']);
  });

  it('answers 400 for an unknown action, 405 for other methods', async () => {
    assert.equal((await call(arbor, 'POST', '/openidm/policy/managed/alpha_user/*?_action=explode', admin, {})).statusCode, 400);
    assert.equal((await call(arbor, 'PUT', '/openidm/policy/managed/alpha_user/*', admin, {})).statusCode, 405);
    assert.equal((await call(arbor, 'POST', '/openidm/policy', admin, {})).statusCode, 405);
  });

  it('an end user reads their type’s policies and validates their own object, nothing else', async () => {
    assert.equal((await call(arbor, 'GET', '/openidm/policy/managed/alpha_user', carol)).statusCode, 200);
    assert.equal((await validate(carolId, 'validateProperty', { password: 'Another-Passw0rd' }, carol)).result, true);
    assert.equal((await call(arbor, 'GET', '/openidm/policy/managed/user', carol)).statusCode, 403);
    assert.equal((await call(arbor, 'POST', '/openidm/policy/managed/alpha_user/*?_action=validateObject', carol, { userName: 'probe' })).statusCode, 403);
    assert.equal((await call(arbor, 'GET', '/openidm/policy/managed/alpha_user', {})).statusCode, 401);
  });
});
