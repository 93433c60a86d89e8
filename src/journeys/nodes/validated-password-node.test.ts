import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { defaultManagedConfig, defaultUserObject } from '../../identity/default-user-schema.ts';
import type { ManagedProperty } from '../../identity/managed-schema.ts';
import { MANAGED_CONFIG_ID } from '../../identity/schema-for-type.ts';
import { nodeTestServices, TEST_USER_TYPE } from '../../platform/testing/node-test-services.ts';
import { goTo } from '../engine/actions.ts';
import { passwordCallback, validatedCreatePasswordCallback } from '../engine/callback-builders.ts';
import type { CallbackJson } from '../engine/callbacks.ts';
import { inputs, runNode, sentCallbacks, submit } from '../engine/node-testing.ts';
import { renderCallbacks } from '../engine/submission.ts';
import { validatedPasswordNode } from './validated-password-node.ts';

const golden = JSON.parse(readFileSync(new URL('../../../test/fixtures/forgerock/protocol/registration-first-step.json', import.meta.url), 'utf8')) as { callbacks: CallbackJson[] };
const goldenPassword = golden.callbacks.find((callback) => callback.type === 'ValidatedCreatePasswordCallback');
const goldenPolicies = goldenPassword?.output.find((output) => output.name === 'policies')?.value;
assert.ok(typeof goldenPolicies === 'object' && goldenPolicies !== null && !Array.isArray(goldenPolicies));
/** IDM's policy object of the default schema's password, as the seed registration step shows it. */
const policies: Record<string, unknown> = { ...goldenPolicies };

const validating = { validateInput: true };
const sentValidated = [validatedCreatePasswordCallback({ prompt: 'Password', policies, failedPolicies: [] })];
const defaultPassword = defaultUserObject(TEST_USER_TYPE).schema.properties['password'] ?? assert.fail('the default schema has a password');

/** The `managed` config: IDM's default, with the alpha user's `password` property replaced. */
function passwordProperty(property: ManagedProperty): Record<string, unknown> {
  const managed = defaultManagedConfig();
  const alpha = managed.objects.find((object) => object.name === TEST_USER_TYPE) ?? assert.fail('no alpha_user');
  alpha.schema.properties['password'] = property;
  return { [MANAGED_CONFIG_ID]: managed };
}

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
  it('sends the ValidatedCreatePasswordCallback exactly as the seed registration step shows it', async () => {
    const { action } = await runNode(validatedPasswordNode, { config: validating });
    const [rendered] = renderCallbacks(sentCallbacks(action));
    assert.deepEqual(rendered?.output, goldenPassword?.output);
    assert.deepEqual(rendered?.input?.map((input) => input.value), ['', false]);
  });

  it('is prompted by the schema title, else the description, else "Password"', async () => {
    const cases: [ManagedProperty, string][] = [
      [{ ...defaultPassword, title: 'New password' }, 'New password'],
      [{ ...defaultPassword, title: null, description: 'Your secret' }, 'Your secret'],
      [{ ...defaultPassword, title: null, description: null }, 'Password'],
    ];
    for (const [property, prompt] of cases) {
      const t = await nodeTestServices({ configs: passwordProperty(property) });
      const { action } = await runNode(validatedPasswordNode, { config: validating, services: t.services });
      assert.deepEqual(sentCallbacks(action), [validatedCreatePasswordCallback({ prompt, policies, failedPolicies: [] })], prompt);
    }
  });

  it('sends no policies for a password attribute the schema lacks', async () => {
    const { action } = await runNode(validatedPasswordNode, { config: { ...validating, passwordAttribute: 'pin' } });
    assert.deepEqual(sentCallbacks(action), [validatedCreatePasswordCallback({ prompt: 'Password', policies: {}, failedPolicies: [] })]);
  });

  it('validates against the stored object when _id is known, then stores the password (outcome)', async () => {
    const t = await nodeTestServices({ users: [{ _id: 'u1', attributes: { userName: 'bob', givenName: 'Robert', sn: 'Smith', mail: 'bob@example.com' } }] });
    const containsStoredName = await runNode(validatedPasswordNode, { config: validating, services: t.services, callbacks: submit(sentValidated, ['Smith-2025']), shared: { _id: 'u1', objectAttributes: { userName: 'bob' } } });
    assert.deepEqual(sentCallbacks(containsStoredName.action), [
      validatedCreatePasswordCallback({ prompt: 'Password', policies, failedPolicies: ['{"params":{"disallowedFields":"sn"},"policyRequirement":"CANNOT_CONTAIN_OTHERS"}'], validateOnly: false }),
    ], 'the stored last name counts although the journey did not collect it');
    const anonymous = await runNode(validatedPasswordNode, { config: validating, services: t.services, callbacks: submit(sentValidated, ['Smith-2025']), shared: { objectAttributes: { userName: 'bob' } } });
    assert.deepEqual(anonymous.action, goTo('outcome'), 'without _id there is no stored object to compare with');

    const { action, state } = await runNode(validatedPasswordNode, {
      config: validating,
      services: t.services,
      callbacks: submit(sentValidated, ['Secret12!']),
      shared: { _id: 'u1', objectAttributes: { userName: 'bob' } },
    });
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(state.shared, { _id: 'u1', objectAttributes: { userName: 'bob' } }, 'nothing secret in shared state');
    assert.deepEqual(state.transient, { password: 'Secret12!', objectAttributes: { password: 'Secret12!' } });
  });

  it('validates against the object the journey collected: the password may not contain its username', async () => {
    const { action } = await runNode(validatedPasswordNode, { config: validating, callbacks: submit(sentValidated, ['Bobby-2025']), shared: { objectAttributes: { userName: 'Bobby' } } });
    assert.deepEqual(sentCallbacks(action)[0], validatedCreatePasswordCallback({ prompt: 'Password', policies, failedPolicies: ['{"params":{"disallowedFields":"userName"},"policyRequirement":"CANNOT_CONTAIN_OTHERS"}'], validateOnly: false }));
  });

  it('re-sends with failedPolicies and never echoes the password when validation fails', async () => {
    const { action, state } = await runNode(validatedPasswordNode, { config: validating, callbacks: submit(sentValidated, ['short']) });
    const [callback] = sentCallbacks(action);
    assert.deepEqual(
      callback,
      validatedCreatePasswordCallback({
        prompt: 'Password',
        policies,
        failedPolicies: [
          '{"params":{"minLength":8},"policyRequirement":"MIN_LENGTH"}',
          '{"params":{"numCaps":1},"policyRequirement":"AT_LEAST_X_CAPITAL_LETTERS"}',
          '{"params":{"numNums":1},"policyRequirement":"AT_LEAST_X_NUMBERS"}',
        ],
        validateOnly: false,
      }),
    );
    assert.ok(!JSON.stringify(callback).includes('short'));
    assert.deepEqual(state.transient, {});
  });

  it('re-sends a valid password when validateOnly is true, without storing it', async () => {
    const { action, state } = await runNode(validatedPasswordNode, { config: validating, callbacks: submit(sentValidated, [inputs({ '': 'Secret12!', validateOnly: true })]) });
    assert.deepEqual(sentCallbacks(action), [validatedCreatePasswordCallback({ prompt: 'Password', policies, failedPolicies: [], validateOnly: true })]);
    assert.deepEqual(state.transient, {});
  });

  it('re-sends without validating on empty or wrong-typed values', async () => {
    const t = await nodeTestServices();
    for (const value of ['', 8, ['a']]) {
      const { action } = await runNode(validatedPasswordNode, { config: validating, services: t.services, callbacks: submit(sentValidated, [value]) });
      assert.deepEqual(sentCallbacks(action), sentValidated);
    }
    assert.ok(!t.callNames().includes('policy.validateProperties'));
    await assert.rejects(runNode(validatedPasswordNode, { config: { passwordAttribute: 5 } }), /passwordAttribute/);
  });
});
