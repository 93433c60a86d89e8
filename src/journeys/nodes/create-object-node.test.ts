import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeTestServices, TEST_USER_TYPE } from '../../platform/testing/node-test-services.ts';
import type { NodeTestServices } from '../../platform/testing/node-test-services.ts';
import { goTo } from '../engine/actions.ts';
import { runNode } from '../engine/node-testing.ts';
import { createObjectNode } from './create-object-node.ts';

const RESOURCE = 'managed/alpha_user';
const config = { identityResource: RESOURCE };
// IDM's default alpha_user requires userName, givenName, sn and mail.
const shared = {
  username: 'ann',
  objectAttributes: { userName: 'ann', givenName: 'Ann', sn: 'Lee', mail: 'ann@example.com', preferences: { marketing: true } },
  termsAccepted: { acceptDate: '2025-01-01T00:00:00.000Z', termsVersion: '0.0' },
};
const transient = { objectAttributes: { password: 'Secret12', kbaInfo: [{ questionId: '1', answer: ' Blue ' }, { customQuestion: 'Pet?', answer: 'Rex' }] } };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The stored KBA entries (`[{questionId|customQuestion, answer}]`), failing the test on any other shape. */
function kbaEntries(value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value)) return assert.fail(`kbaInfo is not an array: ${JSON.stringify(value)}`);
  return value.map((entry: unknown) => (isRecord(entry) ? entry : assert.fail(`not a KBA entry: ${JSON.stringify(entry)}`)));
}

async function storedUsers(t: NodeTestServices) {
  return (await t.store.managedObjects.list(TEST_USER_TYPE, { limit: 100, offset: 0 })).items;
}

describe('CreateObjectNode', () => {
  it('creates the user from shared and transient attributes with a hashed password and hashed KBA answers (CREATED)', async () => {
    const t = await nodeTestServices();
    const { action, state } = await runNode(createObjectNode, { config, services: t.services, shared, transient });
    assert.deepEqual(action, goTo('CREATED'));
    const id = state.shared['_id'];
    assert.ok(typeof id === 'string' && id !== '', 'the new user is identified in shared state');
    assert.equal(state.shared['username'], 'ann');
    assert.deepEqual(state.transient, transient, 'transient state is left as it was');

    const stored = await t.stored(id);
    assert.ok(stored);
    const { password, kbaInfo, ...attributes } = stored.data;
    assert.deepEqual(attributes, { ...shared.objectAttributes, accountStatus: 'active' });
    assert.match(String(password), /^\$argon2id\$/);
    assert.equal(await t.identity.verifyPassword(TEST_USER_TYPE, id, 'Secret12'), true);
    const [color, pet, ...more] = kbaEntries(kbaInfo);
    assert.deepEqual(more, []);
    assert.deepEqual([color?.['questionId'], pet?.['customQuestion']], ['1', 'Pet?']);
    for (const entry of [color, pet]) {
      const envelope = entry?.['answer'];
      assert.ok(isRecord(envelope) && isRecord(envelope['$crypto']) && envelope['$crypto']['type'] === 'salted-hash', "answers are stored in IDM's $crypto envelope");
    }
    assert.equal(await t.kbaAnswers.verify(color?.['answer'], 'blue'), true, 'answers are compared trimmed and case-insensitively');
    assert.equal(await t.kbaAnswers.verify(pet?.['answer'], 'Rex'), true);
    assert.equal(await t.kbaAnswers.verify(pet?.['answer'], 'Tom'), false);
    assert.doesNotMatch(JSON.stringify(stored), /Blue|Rex|Secret12/, 'no clear answer or password is stored');
    assert.deepEqual(stored.meta['termsAccepted'], shared.termsAccepted);
  });

  it('fails without creating anything when a schema-required attribute is missing or blank (FAILURE)', async () => {
    for (const sn of [undefined, null, ' ']) {
      const t = await nodeTestServices();
      const { action } = await runNode(createObjectNode, { config, services: t.services, shared: { objectAttributes: { ...shared.objectAttributes, sn } }, transient });
      assert.deepEqual(action, goTo('FAILURE'), `sn ${String(sn)}`);
      assert.deepEqual(await storedUsers(t), []);
      assert.ok(!t.callNames().includes('identity.createUser'), 'the store is not asked');
    }
  });

  it('fails with the store message as the journey error when the policies refuse the object (FAILURE)', async () => {
    const existing = { _id: 'u1', attributes: { userName: 'ann', givenName: 'Ann', sn: 'Other', mail: 'other@example.com' } };
    const refusals = [
      { name: 'a taken userName', users: [existing], transient },
      { name: 'a weak password', users: [], transient: { objectAttributes: { password: 'short' } } },
    ];
    for (const refusal of refusals) {
      const t = await nodeTestServices({ users: refusal.users });
      const { action, state } = await runNode(createObjectNode, { config, services: t.services, shared, transient: refusal.transient });
      assert.deepEqual(action, goTo('FAILURE', { errorMessage: 'Policy validation failed' }), refusal.name);
      assert.equal(state.shared['_id'], undefined);
      assert.deepEqual((await storedUsers(t)).map((user) => user.id), refusal.users.map((user) => user._id), `${refusal.name}: nothing is created`);
      assert.ok(!t.callNames().includes('identity.recordTermsAccepted'), `${refusal.name}: no terms are recorded`);
    }
  });

  it('runs the same on re-entry with no callbacks (it sends none)', async () => {
    const { action } = await runNode(createObjectNode, { config, services: (await nodeTestServices()).services, shared, transient, callbacks: [] });
    assert.deepEqual(action, goTo('CREATED'));
  });

  it('writes the accepted terms with the user, so that a store lost right after the create cannot leave the user without them', async () => {
    const t = await nodeTestServices();
    const lost = async (): Promise<never> => {
      throw new Error('terminating connection due to administrator command');
    };
    // Every write after the create fails, as when the database connection is killed mid-request.
    const services = { ...t.services, identity: { ...t.services.identity, recordTermsAccepted: lost, patchUser: lost, updateSystemAttribute: lost, incrementLoginCount: lost } };
    const { action, state } = await runNode(createObjectNode, { config, services, shared, transient });
    assert.deepEqual(action, goTo('CREATED'));
    const stored = await t.stored(String(state.shared['_id']));
    assert.deepEqual(stored?.meta['termsAccepted'], shared.termsAccepted);
  });

  it('creates the user without recording a malformed termsAccepted', async () => {
    const t = await nodeTestServices();
    const { action, state } = await runNode(createObjectNode, { config, services: t.services, shared: { ...shared, termsAccepted: { termsVersion: 1 } }, transient });
    assert.deepEqual(action, goTo('CREATED'));
    const stored = await t.stored(String(state.shared['_id']));
    assert.ok(stored);
    assert.equal(stored.meta['termsAccepted'], undefined);
  });

  it('passes non-array KBA data on untouched, for the store to refuse by its type', async () => {
    const t = await nodeTestServices();
    const { action } = await runNode(createObjectNode, { config, services: t.services, shared, transient: { objectAttributes: { kbaInfo: 'x' } } });
    assert.deepEqual(action, goTo('FAILURE', { errorMessage: 'Policy validation failed' }));
    const [create] = t.calls.filter((call) => call.method === 'createUser');
    const attributes = create?.args[1];
    assert.ok(isRecord(attributes));
    assert.equal(attributes['kbaInfo'], 'x');
  });

  it('refuses another identity resource and an empty one', async () => {
    await assert.rejects(runNode(createObjectNode, { config: { identityResource: 'managed/user' }, shared }), /writes managed\/user but the journey's identity resource is managed\/alpha_user/);
    await assert.rejects(runNode(createObjectNode, { config: { identityResource: '' } }), /identityResource/);
  });
});
