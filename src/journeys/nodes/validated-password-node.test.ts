import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../engine/actions.ts';
import { passwordCallback, validatedCreatePasswordCallback } from '../engine/callback-builders.ts';
import { fakeServices, inputs, runNode, sentCallbacks, submit } from '../engine/node-testing.ts';
import { validatedPasswordNode } from './validated-password-node.ts';

const policies = { name: 'password', policyRequirements: ['MIN_LENGTH'], policies: [{ policyId: 'minimum-length', params: { minLength: 8 }, policyRequirements: ['MIN_LENGTH'] }] };
const validating = { validateInput: true };
const sentValidated = [validatedCreatePasswordCallback({ prompt: 'Password', policies, failedPolicies: [] })];

describe('ValidatedPasswordNode without validation', () => {
  it('sends a PasswordCallback "Password" on first entry', async () => {
    const { action } = await runNode(validatedPasswordNode);
    assert.deepEqual(sentCallbacks(action), [passwordCallback('Password')]);
  });

  it('stores the password in transient state only, then goes to outcome', async () => {
    const { action, state } = await runNode(validatedPasswordNode, { callbacks: submit([passwordCallback('Password')], ['Secret12!']), shared: { username: 'bob' } });
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(state, { shared: { username: 'bob' }, transient: { password: 'Secret12!', objectAttributes: { password: 'Secret12!' } } });
  });

  it('re-sends on an empty or non-string password and when its callback is missing', async () => {
    for (const value of ['', 12345678, null]) {
      const { action, state } = await runNode(validatedPasswordNode, { callbacks: submit([passwordCallback('Password')], [value]) });
      assert.deepEqual(sentCallbacks(action), [passwordCallback('Password')]);
      assert.deepEqual(state.transient, {});
    }
    assert.deepEqual(sentCallbacks((await runNode(validatedPasswordNode, { callbacks: [] })).action), [passwordCallback('Password')]);
  });
});

describe('ValidatedPasswordNode with validation', () => {
  it('sends a ValidatedCreatePasswordCallback prompted by the schema title, "Password" without one', async () => {
    const titled = await runNode(validatedPasswordNode, { config: validating, services: fakeServices({ schema: { password: { title: 'New password' } }, policies: { password: policies } }) });
    assert.deepEqual(sentCallbacks(titled.action), [validatedCreatePasswordCallback({ prompt: 'New password', policies, failedPolicies: [] })]);
    const bare = await runNode(validatedPasswordNode, { config: validating });
    assert.deepEqual(sentCallbacks(bare.action), [validatedCreatePasswordCallback({ prompt: 'Password', policies: {}, failedPolicies: [] })]);
  });

  it('validates against the stored object when _id is known, then stores the password (outcome)', async () => {
    const fakes = fakeServices({ policies: { password: policies } });
    const { action, state } = await runNode(validatedPasswordNode, {
      config: validating,
      services: fakes,
      callbacks: submit(sentValidated, ['Secret12!']),
      shared: { _id: 'u1', objectAttributes: { userName: 'bob' } },
    });
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(state.shared, { _id: 'u1', objectAttributes: { userName: 'bob' } }, 'nothing secret in shared state');
    assert.deepEqual(state.transient, { password: 'Secret12!', objectAttributes: { password: 'Secret12!' } });
    assert.deepEqual(fakes.validations, [['managed/alpha_user', { password: 'Secret12!' }, { objectId: 'u1', fullObject: { userName: 'bob', password: 'Secret12!' } }]]);
  });

  it('re-sends with failedPolicies and never echoes the password when validation fails', async () => {
    const fakes = fakeServices({ policies: { password: policies }, validate: () => [{ property: 'password', failures: [{ policyRequirement: 'MIN_LENGTH', params: { minLength: 8 } }] }] });
    const { action, state } = await runNode(validatedPasswordNode, { config: validating, services: fakes, callbacks: submit(sentValidated, ['short']) });
    const [callback] = sentCallbacks(action);
    assert.deepEqual(callback, validatedCreatePasswordCallback({ prompt: 'Password', policies, failedPolicies: ['{"params":{"minLength":8},"policyRequirement":"MIN_LENGTH"}'], validateOnly: false }));
    assert.ok(!JSON.stringify(callback).includes('short'));
    assert.deepEqual(state.transient, {});
    assert.equal(fakes.validations[0]?.[2].objectId, undefined);
  });

  it('re-sends a valid password when validateOnly is true, without storing it', async () => {
    const fakes = fakeServices({ policies: { password: policies } });
    const { action, state } = await runNode(validatedPasswordNode, { config: validating, services: fakes, callbacks: submit(sentValidated, [inputs({ '': 'Secret12!', validateOnly: true })]) });
    assert.deepEqual(sentCallbacks(action), [validatedCreatePasswordCallback({ prompt: 'Password', policies, failedPolicies: [], validateOnly: true })]);
    assert.deepEqual(state.transient, {});
  });

  it('re-sends without validating on empty or wrong-typed values', async () => {
    const fakes = fakeServices({ policies: { password: policies } });
    for (const value of ['', 8, ['a']]) {
      const { action } = await runNode(validatedPasswordNode, { config: validating, services: fakes, callbacks: submit(sentValidated, [value]) });
      assert.deepEqual(sentCallbacks(action), sentValidated);
    }
    assert.deepEqual(fakes.validations, []);
    await assert.rejects(runNode(validatedPasswordNode, { config: { passwordAttribute: 5 } }), /passwordAttribute/);
  });
});
