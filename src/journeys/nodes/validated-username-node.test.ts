import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../engine/actions.ts';
import { nameCallback, validatedCreateUsernameCallback } from '../engine/callback-builders.ts';
import { fakeServices, inputs, runNode, sentCallbacks, submit } from '../engine/node-testing.ts';
import type { FakeServicesOptions } from '../engine/node-testing.ts';
import { validatedUsernameNode } from './validated-username-node.ts';

const policies = { name: 'userName', policyRequirements: ['REQUIRED', 'UNIQUE'], policies: [{ policyId: 'unique', policyRequirements: ['UNIQUE'] }] };
const validating = { validateInput: true };

function services(options: FakeServicesOptions = {}) {
  return fakeServices({ schema: { userName: { title: 'Username', description: 'Username', type: 'string' } }, policies: { userName: policies }, ...options });
}

describe('ValidatedUsernameNode without validation', () => {
  it('sends a NameCallback "User Name" on first entry', async () => {
    const { action, state } = await runNode(validatedUsernameNode);
    assert.deepEqual(sentCallbacks(action), [nameCallback('User Name')]);
    assert.deepEqual(state, { shared: {}, transient: {} });
  });

  it('stores the username as username and objectAttributes, then goes to outcome', async () => {
    const sent = sentCallbacks((await runNode(validatedUsernameNode)).action);
    const { action, state } = await runNode(validatedUsernameNode, { callbacks: submit(sent, ['bob']), shared: { objectAttributes: { mail: 'b@example.com' } } });
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(state.shared, { username: 'bob', objectAttributes: { mail: 'b@example.com', userName: 'bob' } });
  });

  it('re-sends on empty, blank or non-string values and when its callback is missing', async () => {
    const sent = [nameCallback('User Name')];
    for (const value of ['', '   ', 42, null, true]) {
      const { action, state } = await runNode(validatedUsernameNode, { callbacks: submit(sent, [value]) });
      assert.deepEqual(sentCallbacks(action), sent, `value ${String(value)}`);
      assert.deepEqual(state.shared, {});
    }
    const { action } = await runNode(validatedUsernameNode, { callbacks: [] });
    assert.deepEqual(sentCallbacks(action), sent);
  });
});

describe('ValidatedUsernameNode with validation', () => {
  it('sends a ValidatedCreateUsernameCallback with the schema title and the property policies', async () => {
    const { action } = await runNode(validatedUsernameNode, { config: validating, services: services() });
    assert.deepEqual(sentCallbacks(action), [validatedCreateUsernameCallback({ prompt: 'Username', policies, failedPolicies: [] })]);
  });

  it('takes the prompt from the description, then the attribute name; policies default to {}', async () => {
    const described = await runNode(validatedUsernameNode, { config: validating, services: fakeServices({ schema: { userName: { description: 'Login' } } }) });
    assert.deepEqual(sentCallbacks(described.action), [validatedCreateUsernameCallback({ prompt: 'Login', policies: {}, failedPolicies: [] })]);
    const bare = await runNode(validatedUsernameNode, { config: { ...validating, usernameAttribute: 'mail' }, services: fakeServices() });
    assert.deepEqual(sentCallbacks(bare.action), [validatedCreateUsernameCallback({ prompt: 'mail', policies: {}, failedPolicies: [] })]);
  });

  it('validates against the merged object and the known _id, then stores the username (outcome)', async () => {
    const fakes = services();
    const sent = sentCallbacks((await runNode(validatedUsernameNode, { config: validating, services: fakes })).action);
    const { action, state } = await runNode(validatedUsernameNode, {
      config: validating,
      services: fakes,
      callbacks: submit(sent, ['bob']),
      shared: { _id: 'u1', objectAttributes: { givenName: 'Bob' } },
      transient: { objectAttributes: { password: 'pw' } },
    });
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(state.shared, { _id: 'u1', username: 'bob', objectAttributes: { givenName: 'Bob', userName: 'bob' } });
    assert.deepEqual(fakes.validations, [
      ['managed/alpha_user', { userName: 'bob' }, { objectId: 'u1', fullObject: { givenName: 'Bob', password: 'pw', userName: 'bob' } }],
    ]);
  });

  it('re-sends with failedPolicies and the value echoed when validation fails', async () => {
    const fakes = services({
      validate: () => [
        { property: 'userName', failures: [{ policyRequirement: 'UNIQUE' }, { policyRequirement: 'MIN_LENGTH', params: { minLength: 3 } }] },
        { property: 'mail', failures: [{ policyRequirement: 'REQUIRED' }] },
      ],
    });
    const sent = [validatedCreateUsernameCallback({ prompt: 'Username', policies, failedPolicies: [] })];
    const { action, state } = await runNode(validatedUsernameNode, { config: validating, services: fakes, callbacks: submit(sent, ['bo']) });
    assert.deepEqual(sentCallbacks(action), [
      validatedCreateUsernameCallback({
        prompt: 'Username',
        policies,
        failedPolicies: ['{"policyRequirement":"UNIQUE"}', '{"params":{"minLength":3},"policyRequirement":"MIN_LENGTH"}'],
        validateOnly: false,
        value: 'bo',
      }),
    ]);
    assert.deepEqual(state.shared, {});
    assert.equal(fakes.validations[0]?.[2].objectId, undefined, 'no objectId without a known _id');
  });

  it('re-sends a valid value when validateOnly is true, without storing it', async () => {
    const sent = [validatedCreateUsernameCallback({ prompt: 'Username', policies, failedPolicies: [] })];
    const { action, state } = await runNode(validatedUsernameNode, { config: validating, services: services(), callbacks: submit(sent, [inputs({ '': 'bob', validateOnly: true })]) });
    assert.deepEqual(sentCallbacks(action), [validatedCreateUsernameCallback({ prompt: 'Username', policies, failedPolicies: [], validateOnly: true, value: 'bob' })]);
    assert.deepEqual(state.shared, {});
  });

  it('re-sends without validating on empty or wrong-typed values; a non-boolean validateOnly counts as false', async () => {
    const fakes = services();
    const sent = [validatedCreateUsernameCallback({ prompt: 'Username', policies, failedPolicies: [] })];
    for (const value of ['', 7, { name: 'bob' }]) {
      const { action } = await runNode(validatedUsernameNode, { config: validating, services: fakes, callbacks: submit(sent, [value]) });
      assert.deepEqual(sentCallbacks(action), sent);
    }
    assert.deepEqual(fakes.validations, []);
    const { action } = await runNode(validatedUsernameNode, { config: validating, services: fakes, callbacks: submit(sent, [inputs({ '': 'bob', validateOnly: 'true' })]) });
    assert.deepEqual(action, goTo('outcome'));
  });

  it('rejects a config with a wrong type or an empty attribute', async () => {
    await assert.rejects(runNode(validatedUsernameNode, { config: { validateInput: 'yes' } }), /validateInput/);
    await assert.rejects(runNode(validatedUsernameNode, { config: { usernameAttribute: '' } }), /usernameAttribute/);
  });
});
