import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { defaultManagedConfig, defaultUserObject } from '../../identity/default-user-schema.ts';
import type { ManagedProperty } from '../../identity/managed-schema.ts';
import { MANAGED_CONFIG_ID } from '../../identity/schema-for-type.ts';
import { nodeTestServices, TEST_USER_TYPE } from '../../platform/testing/node-test-services.ts';
import type { SeedUser } from '../../platform/testing/node-test-services.ts';
import { goTo } from '../engine/actions.ts';
import { nameCallback, validatedCreateUsernameCallback } from '../engine/callback-builders.ts';
import type { CallbackJson } from '../engine/callbacks.ts';
import { inputs, runNode, sentCallbacks, submit } from '../engine/node-testing.ts';
import { renderCallbacks } from '../engine/submission.ts';
import { validatedUsernameNode } from './validated-username-node.ts';

const golden = JSON.parse(readFileSync(new URL('../../../test/fixtures/forgerock/protocol/registration-first-step.json', import.meta.url), 'utf8')) as { callbacks: CallbackJson[] };
const goldenUsername = golden.callbacks.find((callback) => callback.type === 'ValidatedCreateUsernameCallback');
const goldenPolicies = goldenUsername?.output.find((output) => output.name === 'policies')?.value;
assert.ok(typeof goldenPolicies === 'object' && goldenPolicies !== null && !Array.isArray(goldenPolicies));
/** IDM's policy object of the default schema's userName, as the seed registration step shows it. */
const policies: Record<string, unknown> = { ...goldenPolicies };

const validating = { validateInput: true };
const sent = [validatedCreateUsernameCallback({ prompt: 'Username', policies, failedPolicies: [] })];
const bob: SeedUser = { _id: 'u1', attributes: { userName: 'bob', givenName: 'Bob', sn: 'Smith', mail: 'bob@example.com' } };
const defaultUserName = defaultUserObject(TEST_USER_TYPE).schema.properties['userName'] ?? assert.fail('the default schema has a userName');

/** The `managed` config: IDM's default, with the alpha user's `userName` property replaced. */
function userNameProperty(property: ManagedProperty): Record<string, unknown> {
  const managed = defaultManagedConfig();
  const alpha = managed.objects.find((object) => object.name === TEST_USER_TYPE) ?? assert.fail('no alpha_user');
  alpha.schema.properties['userName'] = property;
  return { [MANAGED_CONFIG_ID]: managed };
}

describe('ValidatedUsernameNode without validation', () => {
  it('sends a NameCallback "User Name" on first entry', async () => {
    const { action, state } = await runNode(validatedUsernameNode);
    assert.deepEqual(sentCallbacks(action), [nameCallback('User Name')]);
    assert.deepEqual(state, { shared: {}, transient: {} });
  });

  it('stores the username as username and objectAttributes, then goes to outcome', async () => {
    const first = sentCallbacks((await runNode(validatedUsernameNode)).action);
    const { action, state } = await runNode(validatedUsernameNode, { callbacks: submit(first, ['bob']), shared: { objectAttributes: { mail: 'b@example.com' } } });
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(state.shared, { username: 'bob', objectAttributes: { mail: 'b@example.com', userName: 'bob' } });
  });

  it('re-sends on empty, blank or non-string values and when its callback is missing', async () => {
    const plain = [nameCallback('User Name')];
    for (const value of ['', '   ', 42, null, true]) {
      const { action, state } = await runNode(validatedUsernameNode, { callbacks: submit(plain, [value]) });
      assert.deepEqual(sentCallbacks(action), plain, `value ${String(value)}`);
      assert.deepEqual(state.shared, {});
    }
    const { action } = await runNode(validatedUsernameNode, { callbacks: [] });
    assert.deepEqual(sentCallbacks(action), plain);
  });
});

describe('ValidatedUsernameNode with validation', () => {
  it('sends the ValidatedCreateUsernameCallback exactly as the seed registration step shows it: the schema title and the property policies', async () => {
    const { action } = await runNode(validatedUsernameNode, { config: validating });
    assert.deepEqual(sentCallbacks(action), sent);
    const [rendered] = renderCallbacks(sentCallbacks(action));
    assert.deepEqual(rendered?.output, goldenUsername?.output);
    assert.deepEqual(rendered?.input?.map((input) => input.value), ['', false]);
  });

  it('takes the prompt from the description, then the attribute name; policies default to {}', async () => {
    const t = await nodeTestServices({ configs: userNameProperty({ ...defaultUserName, title: null, description: 'Login' }) });
    const described = await runNode(validatedUsernameNode, { config: validating, services: t.services });
    assert.deepEqual(sentCallbacks(described.action), [validatedCreateUsernameCallback({ prompt: 'Login', policies, failedPolicies: [] })]);
    const bare = await runNode(validatedUsernameNode, { config: { ...validating, usernameAttribute: 'login' } });
    assert.deepEqual(sentCallbacks(bare.action), [validatedCreateUsernameCallback({ prompt: 'login', policies: {}, failedPolicies: [] })]);
  });

  it('validates against the known _id: the user keeps their own username, then it is stored (outcome)', async () => {
    const t = await nodeTestServices({ users: [bob] });
    const { action, state } = await runNode(validatedUsernameNode, {
      config: validating,
      services: t.services,
      callbacks: submit(sent, ['bob']),
      shared: { _id: 'u1', objectAttributes: { givenName: 'Bob' } },
      transient: { objectAttributes: { password: 'pw' } },
    });
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(state.shared, { _id: 'u1', username: 'bob', objectAttributes: { givenName: 'Bob', userName: 'bob' } });
    assert.deepEqual(state.transient, { objectAttributes: { password: 'pw' } });
  });

  it('validates against the object the journey collected, shared and transient', async () => {
    const property = { ...defaultUserName, policies: [...(defaultUserName.policies ?? []), { policyId: 'cannot-contain-others', params: { disallowedFields: ['givenName', 'password'] } }] };
    const t = await nodeTestServices({ configs: userNameProperty(property) });
    const state = { shared: { objectAttributes: { givenName: 'Robert' } }, transient: { objectAttributes: { password: 'Pw-12345' } } };
    const failed = async (username: string) => {
      const [callback] = sentCallbacks((await runNode(validatedUsernameNode, { config: validating, services: t.services, callbacks: submit(sent, [username]), ...state })).action);
      return callback?.output.find((output) => output.name === 'failedPolicies')?.value;
    };
    assert.deepEqual(await failed('Robert1'), ['{"params":{"disallowedFields":"givenName"},"policyRequirement":"CANNOT_CONTAIN_OTHERS"}']);
    assert.deepEqual(await failed('xPw-12345x'), ['{"params":{"disallowedFields":"password"},"policyRequirement":"CANNOT_CONTAIN_OTHERS"}']);
  });

  it('re-sends with failedPolicies and the value echoed when validation fails', async () => {
    const t = await nodeTestServices({ users: [bob] });
    const cases: [string, string[]][] = [
      ['BOB', ['{"policyRequirement":"UNIQUE"}']],
      ['bo/b', ['{"params":{"forbiddenChars":"/"},"policyRequirement":"CANNOT_CONTAIN_CHARACTERS"}']],
      ['anonymous', ['{"policyRequirement":"UNIQUE"}']],
    ];
    for (const [value, failedPolicies] of cases) {
      const { action, state } = await runNode(validatedUsernameNode, { config: validating, services: t.services, callbacks: submit(sent, [value]) });
      assert.deepEqual(sentCallbacks(action), [validatedCreateUsernameCallback({ prompt: 'Username', policies, failedPolicies, validateOnly: false, value })], value);
      assert.deepEqual(state.shared, {});
    }
  });

  it('re-sends a valid value when validateOnly is true, without storing it', async () => {
    const { action, state } = await runNode(validatedUsernameNode, { config: validating, callbacks: submit(sent, [inputs({ '': 'bob', validateOnly: true })]) });
    assert.deepEqual(sentCallbacks(action), [validatedCreateUsernameCallback({ prompt: 'Username', policies, failedPolicies: [], validateOnly: true, value: 'bob' })]);
    assert.deepEqual(state.shared, {});
  });

  it('re-sends without validating on empty or wrong-typed values; a non-boolean validateOnly counts as false', async () => {
    const t = await nodeTestServices();
    for (const value of ['', 7, { name: 'bob' }]) {
      const { action } = await runNode(validatedUsernameNode, { config: validating, services: t.services, callbacks: submit(sent, [value]) });
      assert.deepEqual(sentCallbacks(action), sent);
    }
    assert.ok(!t.callNames().includes('policy.validateProperties'));
    const { action } = await runNode(validatedUsernameNode, { config: validating, services: t.services, callbacks: submit(sent, [inputs({ '': 'bob', validateOnly: 'true' })]) });
    assert.deepEqual(action, goTo('outcome'));
  });

  it('rejects a config with a wrong type or an empty attribute', async () => {
    await assert.rejects(runNode(validatedUsernameNode, { config: { validateInput: 'yes' } }), /validateInput/);
    await assert.rejects(runNode(validatedUsernameNode, { config: { usernameAttribute: '' } }), /usernameAttribute/);
  });
});
