import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { defaultManagedConfig } from '../../identity/default-user-schema.ts';
import type { ManagedProperty } from '../../identity/managed-schema.ts';
import { MANAGED_CONFIG_ID } from '../../identity/schema-for-type.ts';
import { nodeTestServices, TEST_USER_TYPE } from '../../platform/testing/node-test-services.ts';
import type { NodeTestOptions, NodeTestServices } from '../../platform/testing/node-test-services.ts';
import { goTo } from '../engine/actions.ts';
import type { CallbackJson } from '../engine/callbacks.ts';
import { inputs, runNode, sentCallbacks, submit } from '../engine/node-testing.ts';
import { booleanAttributeInputCallback, numberAttributeInputCallback, stringAttributeInputCallback } from '../engine/self-service-callbacks.ts';
import { renderCallbacks } from '../engine/submission.ts';
import { attributeCollectorNode } from './attribute-collector-node.ts';
import { asArborAnswers } from '../../policy/testing/arbor-registration-step.ts';

// The seed's step as Arbor answers it (mail is unique: asArborAnswers).
const golden = asArborAnswers(JSON.parse(readFileSync(new URL('../../../test/fixtures/forgerock/protocol/registration-first-step.json', import.meta.url), 'utf8')) as { callbacks: CallbackJson[] });

/** The policy object the seed registration step shows for attribute `name`. */
function goldenPolicies(name: string): Record<string, unknown> {
  for (const callback of golden.callbacks) {
    const policies = callback.output.find((output) => output.name === 'policies')?.value;
    if (typeof policies === 'object' && policies !== null && !Array.isArray(policies) && 'name' in policies && policies.name === name) return { ...policies };
  }
  return assert.fail(`the seed step has no policies for ${name}`);
}

/**
 * IDM's default alpha_user (givenName "First Name", preferences/marketing "Send me special offers
 * and services", cn hidden, accountStatus not user-editable, roles an array) plus two properties
 * it lacks: a nullable nickname described but untitled, and an integer age.
 */
function managedWith(properties: Record<string, ManagedProperty>): Record<string, unknown> {
  const managed = defaultManagedConfig();
  const alpha = managed.objects.find((object) => object.name === TEST_USER_TYPE) ?? assert.fail('no alpha_user');
  Object.assign(alpha.schema.properties, properties);
  return { [MANAGED_CONFIG_ID]: managed };
}
const extraProperties: Record<string, ManagedProperty> = {
  nickname: { description: 'Nickname', type: ['string', 'null'], viewable: true, userEditable: true },
  age: { title: 'Age', type: 'integer', viewable: true, userEditable: true },
};

function services(options: NodeTestOptions = {}): Promise<NodeTestServices> {
  return nodeTestServices({ ...options, configs: { ...managedWith(extraProperties), ...options.configs } });
}
async function real(options: NodeTestOptions = {}) {
  return (await services(options)).services;
}

const givenName = (extra: Partial<Parameters<typeof stringAttributeInputCallback>[0]> = {}) =>
  stringAttributeInputCallback({ name: 'givenName', prompt: 'First Name', required: true, policies: {}, failedPolicies: [], value: '', ...extra });
const marketing = (extra: Partial<Parameters<typeof booleanAttributeInputCallback>[0]> = {}) =>
  booleanAttributeInputCallback({ name: 'preferences/marketing', prompt: 'Send me special offers and services', required: true, policies: {}, failedPolicies: [], value: false, ...extra });
const collect = { attributesToCollect: ['givenName', 'preferences/marketing'], required: true };

describe('AttributeCollectorNode', () => {
  it('sends one callback per attribute by schema type on first entry', async () => {
    const { action, state } = await runNode(attributeCollectorNode, { config: collect, services: await real() });
    assert.deepEqual(sentCallbacks(action), [givenName(), marketing()]);
    assert.deepEqual(state, { shared: {}, transient: {} });
  });

  it('reproduces the attribute callbacks of the seed registration step with the default schema and policies', async () => {
    const config = { attributesToCollect: ['givenName', 'sn', 'mail', 'preferences/marketing', 'preferences/updates'], required: true, validateInputs: true, identityAttribute: 'userName' };
    const { action } = await runNode(attributeCollectorNode, { config, services: (await nodeTestServices()).services });
    const rendered = renderCallbacks(sentCallbacks(action));
    const expected = golden.callbacks.slice(1, 6);
    assert.equal(rendered.length, expected.length);
    rendered.forEach((callback, index) => {
      const want = expected[index];
      assert.equal(callback.type, want?.type);
      assert.deepEqual(callback.output, want?.output, `outputs of ${want?.type} ${index}`);
      assert.deepEqual(callback.input?.map((input) => input.value), want?.input?.map((input) => input.value));
    });
  });

  it('stores the values nested in shared objectAttributes and goes to outcome', async () => {
    const sent = [givenName(), marketing()];
    const { action, state } = await runNode(attributeCollectorNode, { config: collect, services: await real(), callbacks: submit(sent, ['Ann', true]), shared: { objectAttributes: { userName: 'ann' } } });
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(state.shared, { objectAttributes: { userName: 'ann', givenName: 'Ann', preferences: { marketing: true } } });
  });

  it('re-sends a missing required value with REQUIRED; optional ones may stay empty and are not written', async () => {
    const sent = [givenName(), marketing()];
    const missing = await runNode(attributeCollectorNode, { config: collect, services: await real(), callbacks: submit(sent, ['  ', false]) });
    assert.deepEqual(sentCallbacks(missing.action), [givenName({ failedPolicies: ['{"policyRequirement":"REQUIRED"}'] }), marketing()]);
    assert.deepEqual(missing.state.shared, {});
    const optional = await runNode(attributeCollectorNode, { config: { ...collect, required: false }, services: await real(), callbacks: submit([givenName({ required: false }), marketing({ required: false })], ['', false]) });
    assert.deepEqual(optional.action, goTo('outcome'));
    assert.deepEqual(optional.state.shared, { objectAttributes: { preferences: { marketing: false } } });
  });

  it('is never required when the type allows null, and prompts with the title, else the description', async () => {
    const { action } = await runNode(attributeCollectorNode, { config: { attributesToCollect: ['nickname', 'age'], required: true }, services: await real() });
    assert.deepEqual(sentCallbacks(action), [
      stringAttributeInputCallback({ name: 'nickname', prompt: 'Nickname', required: false, policies: {}, failedPolicies: [], value: '' }),
      numberAttributeInputCallback({ name: 'age', prompt: 'Age', required: true, policies: {}, failedPolicies: [], value: null }),
    ]);
  });

  it('reads numbers given as numbers or numeric strings and refuses other types with VALID_TYPE', async () => {
    const config = { attributesToCollect: ['age'] };
    const age = numberAttributeInputCallback({ name: 'age', prompt: 'Age', required: false, policies: {}, failedPolicies: [], value: null });
    const asString = await runNode(attributeCollectorNode, { config, services: await real(), callbacks: submit([age], [' 42 ']) });
    assert.deepEqual(asString.state.shared, { objectAttributes: { age: 42 } });
    const bad = await runNode(attributeCollectorNode, { config, services: await real(), callbacks: submit([age], ['forty']) });
    assert.deepEqual(sentCallbacks(bad.action), [numberAttributeInputCallback({ name: 'age', prompt: 'Age', required: false, policies: {}, failedPolicies: ['{"params":{"invalidType":"string"},"policyRequirement":"VALID_TYPE"}'], value: null })]);
    const wrongBoolean = await runNode(attributeCollectorNode, { config: collect, services: await real(), callbacks: submit([givenName(), marketing()], ['Ann', 'yes']) });
    assert.deepEqual(sentCallbacks(wrongBoolean.action)[1], marketing({ failedPolicies: ['{"params":{"invalidType":"string"},"policyRequirement":"VALID_TYPE"}'] }));
  });

  it('validates against IDM policies and re-sends failures per callback, with the values echoed', async () => {
    const config = { attributesToCollect: ['mail', 'preferences/marketing'], required: true, validateInputs: true };
    const mailPolicies = goldenPolicies('mail');
    const mail = (extra: Partial<Parameters<typeof stringAttributeInputCallback>[0]> = {}) =>
      stringAttributeInputCallback({ name: 'mail', prompt: 'Email Address', required: true, policies: mailPolicies, failedPolicies: [], value: '', ...extra });
    const { action, state } = await runNode(attributeCollectorNode, { config, services: await real(), callbacks: submit([mail(), marketing()], ['not-an-address', true]), shared: { objectAttributes: { userName: 'ann' } } });
    assert.deepEqual(sentCallbacks(action), [mail({ value: 'not-an-address', failedPolicies: ['{"policyRequirement":"VALID_EMAIL_ADDRESS_FORMAT"}'] }), marketing({ value: true })]);
    assert.deepEqual(state.shared, { objectAttributes: { userName: 'ann' } });
  });

  it('validates against the known _id: the user keeps their own unique value', async () => {
    const t = await services({ users: [{ _id: 'u1', attributes: { userName: 'ann', givenName: 'Ann', sn: 'Lee', mail: 'ann@example.com' } }] });
    const config = { attributesToCollect: ['userName'], validateInputs: true };
    const userName = stringAttributeInputCallback({ name: 'userName', prompt: 'Username', required: false, policies: goldenPolicies('userName'), failedPolicies: [], value: '' });
    const someoneElse = await runNode(attributeCollectorNode, { config, services: t.services, callbacks: submit([userName], ['ann']) });
    assert.deepEqual(sentCallbacks(someoneElse.action)[0]?.output.find((output) => output.name === 'failedPolicies')?.value, ['{"policyRequirement":"UNIQUE"}']);
    const herself = await runNode(attributeCollectorNode, { config, services: t.services, callbacks: submit([userName], ['ann']), shared: { _id: 'u1' } });
    assert.deepEqual(herself.action, goTo('outcome'));
  });

  it('validates against the object the journey collected, shared and transient, with the new values', async () => {
    // A schema whose description may not contain the username, the password or the nickname.
    const description: ManagedProperty = {
      title: 'Description',
      type: 'string',
      viewable: true,
      userEditable: true,
      policies: [{ policyId: 'cannot-contain-others', params: { disallowedFields: ['userName', 'password', 'nickname'] } }],
    };
    const t = await services({ configs: managedWith({ ...extraProperties, description }) });
    const config = { attributesToCollect: ['nickname', 'description'], validateInputs: true };
    const sent = sentCallbacks((await runNode(attributeCollectorNode, { config, services: t.services })).action);
    const failed = async (values: string[]) => {
      const state = { shared: { objectAttributes: { userName: 'ann' } }, transient: { objectAttributes: { password: 'Secret1!' } } };
      const { action } = await runNode(attributeCollectorNode, { config, services: t.services, callbacks: submit(sent, values), ...state });
      return sentCallbacks(action).map((callback) => callback.output.find((output) => output.name === 'failedPolicies')?.value);
    };
    const refusal = (field: string) => [[], [`{"params":{"disallowedFields":"${field}"},"policyRequirement":"CANNOT_CONTAIN_OTHERS"}`]];
    assert.deepEqual(await failed(['Bee', 'I am ann']), refusal('userName'), 'shared state');
    assert.deepEqual(await failed(['Bee', 'Secret1! is mine']), refusal('password'), 'transient state');
    assert.deepEqual(await failed(['Bee', 'call me Bee']), refusal('nickname'), 'the values submitted with it');
  });

  it('re-sends valid values when validateOnly is set, without storing them', async () => {
    const policies = goldenPolicies('givenName');
    const sent = [givenName({ policies }), marketing()];
    const { action, state } = await runNode(attributeCollectorNode, { config: { ...collect, validateInputs: true }, services: await real(), callbacks: submit(sent, [inputs({ '': 'Ann', validateOnly: true }), true]) });
    assert.deepEqual(sentCallbacks(action), [givenName({ policies, value: 'Ann', validateOnly: true }), marketing({ value: true })]);
    assert.deepEqual(state.shared, {});
  });

  it('pre-fills from state, then from the existing object; looks the user up on first entry only', async () => {
    const t = await services({ users: [{ _id: 'u1', attributes: { userName: 'ann', givenName: 'Ann', preferences: { marketing: true } } }] });
    const lookups = () => t.calls.filter((call) => call.service === 'identity' && call.method === 'findUser').map((call) => call.args);
    const fromState = await runNode(attributeCollectorNode, { config: collect, services: t.services, shared: { username: 'ann', objectAttributes: { givenName: 'Annie' } } });
    assert.deepEqual(sentCallbacks(fromState.action), [givenName({ value: 'Annie' }), marketing({ value: true })]);
    assert.deepEqual(lookups(), [['managed/alpha_user', 'userName', 'ann']]);
    const again = await runNode(attributeCollectorNode, { config: collect, services: t.services, shared: { username: 'ann' }, callbacks: [] });
    assert.deepEqual(sentCallbacks(again.action), [givenName({ value: 'Ann' }), marketing({ value: true })], 're-entry without values sends the page again');
    const resent = await runNode(attributeCollectorNode, { config: collect, services: t.services, shared: { username: 'ann' }, callbacks: submit([givenName(), marketing()], ['', false]) });
    assert.deepEqual(sentCallbacks(resent.action)[0], givenName({ failedPolicies: ['{"policyRequirement":"REQUIRED"}'] }));
    assert.equal(lookups().length, 2, 'one lookup per first entry, none for submitted values');
  });

  it('refuses attributes that are unknown, hidden, not editable when validating, or not scalar', async () => {
    const cases = [
      ['nothing', /not in the schema/, false],
      ['cn', /not viewable/, false],
      ['accountStatus', /not user editable/, true],
      ['roles', /type array cannot be collected/, false],
    ] as const;
    for (const [attribute, reason, validateInputs] of cases) {
      await assert.rejects(runNode(attributeCollectorNode, { config: { attributesToCollect: [attribute], validateInputs }, services: await real() }), reason);
    }
    await runNode(attributeCollectorNode, { config: { attributesToCollect: ['accountStatus'] }, services: await real() });
    await assert.rejects(runNode(attributeCollectorNode, { config: { attributesToCollect: [] } }), /attributesToCollect/);
  });
});
