import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createIdentityGateway } from '../../identity/identity-gateway.ts';
import { createIdentityFixture } from '../../identity/testing/identity-fixture.ts';
import { createPolicyGateway } from '../../policy/policy-gateway.ts';
import { goTo } from '../engine/actions.ts';
import type { CallbackJson } from '../engine/callbacks.ts';
import { fakeServices, inputs, runNode, sentCallbacks, submit } from '../engine/node-testing.ts';
import type { FakeServicesOptions } from '../engine/node-testing.ts';
import { booleanAttributeInputCallback, numberAttributeInputCallback, stringAttributeInputCallback } from '../engine/self-service-callbacks.ts';
import { renderCallbacks } from '../engine/submission.ts';
import { attributeCollectorNode } from './attribute-collector-node.ts';

const schema = {
  givenName: { title: 'First Name', type: 'string', viewable: true, userEditable: true },
  nickname: { description: 'Nickname', type: ['string', 'null'] },
  age: { title: { en: 'Age', fr: 'Âge' }, type: 'integer' },
  secret: { title: 'Secret', type: 'string', viewable: false },
  locked: { title: 'Locked', type: 'string', userEditable: false },
  roles: { title: 'Roles', type: 'array' },
  preferences: { title: 'Preferences', type: 'object', properties: { marketing: { description: 'Send me offers', type: 'boolean' } } },
};
const givenNamePolicies = { name: 'givenName', policyRequirements: ['REQUIRED'] };

function services(options: FakeServicesOptions = {}) {
  return fakeServices({ schema, policies: { givenName: givenNamePolicies }, ...options });
}

const givenName = (extra: Partial<Parameters<typeof stringAttributeInputCallback>[0]> = {}) =>
  stringAttributeInputCallback({ name: 'givenName', prompt: 'First Name', required: true, policies: {}, failedPolicies: [], value: '', ...extra });
const marketing = (extra: Partial<Parameters<typeof booleanAttributeInputCallback>[0]> = {}) =>
  booleanAttributeInputCallback({ name: 'preferences/marketing', prompt: 'Send me offers', required: true, policies: {}, failedPolicies: [], value: false, ...extra });
const collect = { attributesToCollect: ['givenName', 'preferences/marketing'], required: true };

describe('AttributeCollectorNode', () => {
  it('sends one callback per attribute by schema type on first entry', async () => {
    const { action, state } = await runNode(attributeCollectorNode, { config: collect, services: services() });
    assert.deepEqual(sentCallbacks(action), [givenName(), marketing()]);
    assert.deepEqual(state, { shared: {}, transient: {} });
  });

  it('reproduces the attribute callbacks of the seed registration step with the real schema and policies', async () => {
    const golden = JSON.parse(readFileSync(new URL('../../../test/fixtures/forgerock/protocol/registration-first-step.json', import.meta.url), 'utf8')) as { callbacks: CallbackJson[] };
    const fixture = createIdentityFixture();
    const real = { ...fakeServices(), identity: createIdentityGateway(fixture.identity), policy: createPolicyGateway(fixture.policy) };
    const config = { attributesToCollect: ['givenName', 'sn', 'mail', 'preferences/marketing', 'preferences/updates'], required: true, validateInputs: true, identityAttribute: 'userName' };
    const { action } = await runNode(attributeCollectorNode, { config, services: real });
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
    const { action, state } = await runNode(attributeCollectorNode, { config: collect, services: services(), callbacks: submit(sent, ['Ann', true]), shared: { objectAttributes: { userName: 'ann' } } });
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(state.shared, { objectAttributes: { userName: 'ann', givenName: 'Ann', preferences: { marketing: true } } });
  });

  it('re-sends a missing required value with REQUIRED; optional ones may stay empty and are not written', async () => {
    const sent = [givenName(), marketing()];
    const missing = await runNode(attributeCollectorNode, { config: collect, services: services(), callbacks: submit(sent, ['  ', false]) });
    assert.deepEqual(sentCallbacks(missing.action), [givenName({ failedPolicies: ['{"policyRequirement":"REQUIRED"}'] }), marketing()]);
    assert.deepEqual(missing.state.shared, {});
    const optional = await runNode(attributeCollectorNode, { config: { ...collect, required: false }, services: services(), callbacks: submit([givenName({ required: false }), marketing({ required: false })], ['', false]) });
    assert.deepEqual(optional.action, goTo('outcome'));
    assert.deepEqual(optional.state.shared, { objectAttributes: { preferences: { marketing: false } } });
  });

  it('is never required when the type allows null, and prompts with a localized title or the description', async () => {
    const { action } = await runNode(attributeCollectorNode, { config: { attributesToCollect: ['nickname', 'age'], required: true }, services: services(), request: { locales: ['fr'] } });
    assert.deepEqual(sentCallbacks(action), [
      stringAttributeInputCallback({ name: 'nickname', prompt: 'Nickname', required: false, policies: {}, failedPolicies: [], value: '' }),
      numberAttributeInputCallback({ name: 'age', prompt: 'Âge', required: true, policies: {}, failedPolicies: [], value: null }),
    ]);
  });

  it('reads numbers given as numbers or numeric strings and refuses other types with VALID_TYPE', async () => {
    const config = { attributesToCollect: ['age'] };
    const age = numberAttributeInputCallback({ name: 'age', prompt: 'Age', required: false, policies: {}, failedPolicies: [], value: null });
    const asString = await runNode(attributeCollectorNode, { config, services: services(), callbacks: submit([age], [' 42 ']) });
    assert.deepEqual(asString.state.shared, { objectAttributes: { age: 42 } });
    const bad = await runNode(attributeCollectorNode, { config, services: services(), callbacks: submit([age], ['forty']) });
    assert.deepEqual(sentCallbacks(bad.action), [{ ...age, output: age.output.map((o) => (o.name === 'failedPolicies' ? { ...o, value: ['{"params":{"invalidType":"string"},"policyRequirement":"VALID_TYPE"}'] } : o)) }]);
    const wrongBoolean = await runNode(attributeCollectorNode, { config: collect, services: services(), callbacks: submit([givenName(), marketing()], ['Ann', 'yes']) });
    assert.deepEqual(sentCallbacks(wrongBoolean.action)[1], marketing({ failedPolicies: ['{"params":{"invalidType":"string"},"policyRequirement":"VALID_TYPE"}'] }));
  });

  it('validates against IDM policies and re-sends failures per callback, with the values echoed', async () => {
    const fakes = services({ validate: () => [{ property: 'givenName', failures: [{ policyRequirement: 'MIN_LENGTH', params: { minLength: 2 } }] }] });
    const config = { ...collect, validateInputs: true };
    const sent = [givenName({ policies: givenNamePolicies }), marketing()];
    const { action, state } = await runNode(attributeCollectorNode, { config, services: fakes, callbacks: submit(sent, ['A', true]), shared: { _id: 'u1', objectAttributes: { userName: 'ann' } }, transient: { objectAttributes: { password: 'Secret1!' } } });
    assert.deepEqual(sentCallbacks(action), [givenName({ policies: givenNamePolicies, value: 'A', failedPolicies: ['{"params":{"minLength":2},"policyRequirement":"MIN_LENGTH"}'] }), marketing({ value: true })]);
    assert.deepEqual(state.shared, { _id: 'u1', objectAttributes: { userName: 'ann' } });
    assert.deepEqual(fakes.validations, [
      ['managed/alpha_user', { givenName: 'A', 'preferences/marketing': true }, { objectId: 'u1', fullObject: { userName: 'ann', givenName: 'A', preferences: { marketing: true }, password: 'Secret1!' } }],
    ]);
  });

  it('re-sends valid values when validateOnly is set, without storing them', async () => {
    const sent = [givenName(), marketing()];
    const { action, state } = await runNode(attributeCollectorNode, { config: { ...collect, validateInputs: true }, services: services({ policies: {} }), callbacks: submit(sent, [inputs({ '': 'Ann', validateOnly: true }), true]) });
    assert.deepEqual(sentCallbacks(action), [givenName({ value: 'Ann', validateOnly: true }), marketing({ value: true })]);
    assert.deepEqual(state.shared, {});
  });

  it('pre-fills from state, then from the existing object; never looks the user up on re-entry', async () => {
    const fakes = services({ users: [{ _id: 'u1', attributes: { userName: 'ann', givenName: 'Ann', preferences: { marketing: true } } }] });
    const fromState = await runNode(attributeCollectorNode, { config: collect, services: fakes, shared: { username: 'ann', objectAttributes: { givenName: 'Annie' } } });
    assert.deepEqual(sentCallbacks(fromState.action), [givenName({ value: 'Annie' }), marketing({ value: true })]);
    assert.deepEqual(fakes.calls, ['findUser:userName:ann']);
    const again = await runNode(attributeCollectorNode, { config: collect, services: fakes, shared: { username: 'ann' }, callbacks: [] });
    assert.deepEqual(sentCallbacks(again.action), [givenName({ value: 'Ann' }), marketing({ value: true })], 're-entry without values sends the page again');
    const resent = await runNode(attributeCollectorNode, { config: collect, services: fakes, shared: { username: 'ann' }, callbacks: submit([givenName(), marketing()], ['', false]) });
    assert.deepEqual(sentCallbacks(resent.action)[0], givenName({ failedPolicies: ['{"policyRequirement":"REQUIRED"}'] }));
    assert.equal(fakes.calls.length, 2, 'one lookup per first entry only');
  });

  it('refuses attributes that are unknown, hidden, not editable when validating, or not scalar', async () => {
    for (const [attribute, reason, validateInputs] of [['nothing', /not in the schema/, false], ['secret', /not viewable/, false], ['locked', /not user editable/, true], ['roles', /type array cannot be collected/, false]] as const) {
      await assert.rejects(runNode(attributeCollectorNode, { config: { attributesToCollect: [attribute], validateInputs }, services: services() }), reason);
    }
    await runNode(attributeCollectorNode, { config: { attributesToCollect: ['locked'] }, services: services() });
    await assert.rejects(runNode(attributeCollectorNode, { config: { attributesToCollect: [] } }), /attributesToCollect/);
  });
});
