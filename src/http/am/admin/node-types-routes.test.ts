/**
 * AM's node type actions on the real platform: `getAllTypes` lists every node type (the realm's
 * Node Designer types too) in AM's shape; `schema` gives a node's settings as AM's JSON schema
 * (titles, descriptions, order, required; no bookkeeping fields); `template` gives its defaults
 * without secrets; `listOutcomes` gives the outcomes of a given config (a Choice Collector's are its
 * choices), refusing a config that does not fit; an unknown type is a 404.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inMemoryPlatform } from '../../../platform/testing/in-memory-platform.ts';
import type { TestPlatform } from '../../../platform/testing/in-memory-platform.ts';
import { injectCall, injectSignIn } from '../../testing/inject-client.ts';

const ADMIN_PASSWORD = 'Admin-Passw0rd!';
const NODES = '/am/json/realms/root/realms/alpha/realm-config/authentication/authenticationtrees/nodes';
const DESIGNER = 'designer-0a1b2c3d4e5f40718293a4b5c6d7e8f9';

interface SchemaAnswer {
  type: string;
  properties: Record<string, { title: string; description: string; propertyOrder: number; type?: string; default?: unknown; format?: string }>;
  required: string[];
}

describe('node types REST', () => {
  let arbor: TestPlatform;
  let admin: Record<string, string>;
  const call = injectCall(() => arbor.app);

  before(async () => {
    arbor = await inMemoryPlatform({ ARBOR_ADMIN_PASSWORD: ADMIN_PASSWORD });
    admin = { ...(await injectSignIn(arbor.app, '', 'amadmin', ADMIN_PASSWORD)), 'accept-api-version': 'protocol=2.1,resource=1.0' };
    await arbor.store.configs.put(`realm/alpha/customNodes/${DESIGNER}`, {
      _id: DESIGNER,
      serviceName: DESIGNER,
      displayName: 'Greeting check',
      description: 'Checks the greeting',
      script: 'outcome = "hello";',
      outcomes: ['hello', 'other'],
      inputs: ['*'],
      outputs: ['*'],
      errorOutcome: true,
      tags: ['utilities'],
      properties: { greeting: { title: 'Greeting', description: 'What to say', type: 'STRING', required: true, defaultValue: 'hello', multivalued: false } },
    });
  });
  after(async () => arbor?.close());

  it('lists every node type in AM’s getAllTypes shape, the realm’s Node Designer types included', async () => {
    const answer = await call('POST', `${NODES}?_action=getAllTypes`, admin, {});
    assert.equal(answer.statusCode, 200, answer.body);
    const types = answer.json<{ result: { _id: string; name: string; collection: boolean; tags: string[]; metadata: { tags: string[] }; help: string }[] }>().result;
    const username = types.find((type) => type._id === 'UsernameCollectorNode');
    assert.deepEqual(username && { name: username.name, collection: username.collection, tags: username.tags, metadataTags: username.metadata.tags }, { name: 'Username Collector', collection: true, tags: ['basic authentication'], metadataTags: ['basic authentication'] });
    assert.ok((username?.help.length ?? 0) > 0);
    for (const id of ['PageNode', 'ScriptedDecisionNode', 'SocialProviderHandlerNode', 'OneTimePasswordGeneratorNode', DESIGNER]) assert.ok(types.some((type) => type._id === id), id);
    assert.equal(types.find((type) => type._id === DESIGNER)?.name, 'Greeting check');
    assert.ok(!types.some((type) => type._id.endsWith('*')), 'no catch-all pseudo type');
    const onlyRoot = (await call('POST', '/am/json/realms/root/realm-config/authentication/authenticationtrees/nodes?_action=getAllTypes', admin, {})).json<{ result: { _id: string }[] }>().result;
    assert.ok(!onlyRoot.some((type) => type._id === DESIGNER), 'Node Designer types are the realm’s own');
  });

  it('answers a node’s config schema in AM’s shape, without bookkeeping fields, secrets marked', async () => {
    const retry = await call('POST', `${NODES}/RetryLimitDecisionNode?_action=schema`, admin, {});
    assert.equal(retry.statusCode, 200, retry.body);
    const schema = retry.json<SchemaAnswer>();
    assert.equal(schema.type, 'object');
    assert.deepEqual(Object.keys(schema.properties).sort(), ['incrementUserAttributeOnFailure', 'retryLimit']);
    assert.equal(schema.properties.retryLimit?.type, 'integer');
    assert.equal(schema.properties.retryLimit?.default, 3);
    assert.equal(schema.properties.retryLimit?.title, 'Retry Limit');
    assert.equal(schema.properties.retryLimit?.description, 'Number of retries allowed.');
    assert.deepEqual(Object.values(schema.properties).map((property) => property.propertyOrder).sort((a, b) => a - b), [100, 200]);

    const cookie = (await call('POST', `${NODES}/SetPersistentCookieNode?_action=schema`, admin, {})).json<SchemaAnswer>();
    assert.equal(cookie.properties.hmacSigningKey?.format, 'password');

    const designer = (await call('POST', `${NODES}/${DESIGNER}?_action=schema`, admin, {})).json<SchemaAnswer>();
    assert.deepEqual(designer.properties.greeting, { type: 'string', title: 'Greeting', description: 'What to say', propertyOrder: 100, default: 'hello' });
    assert.deepEqual(designer.required, ['greeting']);
  });

  it('answers a template of defaults, without secrets', async () => {
    const retry = await call('POST', `${NODES}/RetryLimitDecisionNode?_action=template`, admin, {});
    assert.deepEqual(retry.json(), { retryLimit: 3, incrementUserAttributeOnFailure: true });
    const cookie = (await call('POST', `${NODES}/SetPersistentCookieNode?_action=template`, admin, {})).json<Record<string, unknown>>();
    assert.equal(Object.hasOwn(cookie, 'hmacSigningKey'), false);
    assert.deepEqual((await call('POST', `${NODES}/${DESIGNER}?_action=template`, admin, {})).json(), { greeting: 'hello' });
  });

  it('lists the outcomes of a given config, and refuses one that does not fit', async () => {
    const choices = await call('POST', `${NODES}/ChoiceCollectorNode?_action=listOutcomes`, admin, { choices: ['red', 'blue'], defaultChoice: 'red', prompt: 'Colour?' });
    assert.equal(choices.statusCode, 200, choices.body);
    assert.deepEqual(choices.json(), [{ id: 'red', displayName: 'red' }, { id: 'blue', displayName: 'blue' }]);
    const decision = await call('POST', `${NODES}/DataStoreDecisionNode?_action=listOutcomes`, admin, {});
    assert.deepEqual(decision.json(), [{ id: 'true', displayName: 'true' }, { id: 'false', displayName: 'false' }]);
    assert.deepEqual((await call('POST', `${NODES}/${DESIGNER}?_action=listOutcomes`, admin, {})).json<{ id: string }[]>().map((outcome) => outcome.id), ['hello', 'other', 'error']);
    assert.equal((await call('POST', `${NODES}/RetryLimitDecisionNode?_action=listOutcomes`, admin, { retryLimit: 'many' })).statusCode, 400);
  });

  it('answers 404 for a type Arbor does not have and 400 for an unknown action', async () => {
    assert.equal((await call('POST', `${NODES}/NoSuchNode?_action=schema`, admin, {})).statusCode, 404);
    assert.equal((await call('POST', `${NODES}/designer-nothere?_action=template`, admin, {})).statusCode, 404);
    assert.equal((await call('POST', `${NODES}/PageNode?_action=explode`, admin, {})).statusCode, 400);
    assert.equal((await call('POST', `${NODES}?_action=getCreatableTypes`, admin, {})).statusCode, 400);
  });
});
