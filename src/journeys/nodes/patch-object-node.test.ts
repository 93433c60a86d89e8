import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeTestServices, TEST_USER_TYPE } from '../../platform/testing/node-test-services.ts';
import type { NodeTestServices, SeedUser } from '../../platform/testing/node-test-services.ts';
import { goTo } from '../engine/actions.ts';
import { runNode } from '../engine/node-testing.ts';
import { patchFields, patchObjectNode } from './patch-object-node.ts';

const config = { identityResource: 'managed/alpha_user' };
const ann: SeedUser = {
  _id: 'u1',
  attributes: { userName: 'ann', givenName: 'Ann', sn: 'Lee', mail: 'ann@example.com', preferences: { updates: false, marketing: false } },
  password: 'Old12345',
};
const terms = { acceptDate: '2025-01-01T00:00:00.000Z', termsVersion: '2.0' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The stored KBA entries (`[{questionId|customQuestion, answer}]`), failing the test on any other shape. */
function kbaEntries(value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value)) return assert.fail(`kbaInfo is not an array: ${JSON.stringify(value)}`);
  return value.map((entry: unknown) => (isRecord(entry) ? entry : assert.fail(`not a KBA entry: ${JSON.stringify(entry)}`)));
}

async function storedAnn(t: NodeTestServices) {
  const stored = await t.stored('u1');
  assert.ok(stored, 'u1 is stored');
  return stored;
}

const signsInWith = (t: NodeTestServices, password: string) => t.identity.verifyPassword(TEST_USER_TYPE, 'u1', password);

describe('PatchObjectNode', () => {
  it('patches nested attributes field by field, the password from transient state, hashed KBA answers, records terms (PATCHED)', async () => {
    const t = await nodeTestServices({ users: [ann] });
    const { action } = await runNode(patchObjectNode, {
      config,
      services: t.services,
      shared: { username: 'ann', objectAttributes: { preferences: { marketing: true } }, termsAccepted: terms },
      transient: { objectAttributes: { password: 'New12345', kbaInfo: [{ questionId: '1', answer: 'Blue' }] } },
    });
    assert.deepEqual(action, goTo('PATCHED'));
    const stored = await storedAnn(t);
    assert.deepEqual(stored.data['preferences'], { updates: false, marketing: true }, 'the other preference is kept');
    assert.equal(stored.data['mail'], 'ann@example.com');
    assert.equal(await signsInWith(t, 'New12345'), true);
    assert.equal(await signsInWith(t, 'Old12345'), false);
    const [color, ...more] = kbaEntries(stored.data['kbaInfo']);
    assert.deepEqual(more, []);
    assert.equal(color?.['questionId'], '1');
    assert.equal(await t.kbaAnswers.verify(color?.['answer'], 'blue'), true);
    assert.doesNotMatch(JSON.stringify(stored), /Blue|New12345/, 'no clear answer or password is stored');
    assert.deepEqual(stored.meta['termsAccepted'], terms);
  });

  it('finds the user by identityAttribute in objectAttributes and leaves ignored fields out', async () => {
    const t = await nodeTestServices({ users: [ann] });
    const { action } = await runNode(patchObjectNode, {
      config: { ...config, identityAttribute: 'mail', ignoredFields: ['/userName', 'preferences'] },
      services: t.services,
      shared: { objectAttributes: { mail: 'ANN@example.com', userName: 'other', preferences: { updates: true } } },
      transient: { objectAttributes: { password: 'New12345' } },
    });
    assert.deepEqual(action, goTo('PATCHED'));
    const { data } = await storedAnn(t);
    assert.deepEqual([data['userName'], data['mail'], data['preferences']], ['ann', 'ANN@example.com', { updates: false, marketing: false }]);
    assert.equal(await signsInWith(t, 'New12345'), true);
  });

  it('goes to PATCHED without writing when nothing is left to patch', async () => {
    const t = await nodeTestServices({ users: [ann] });
    const before = await storedAnn(t);
    const { action } = await runNode(patchObjectNode, { config: { ...config, ignoredFields: ['userName'] }, services: t.services, shared: { objectAttributes: { userName: 'ann' } }, callbacks: [] });
    assert.deepEqual(action, goTo('PATCHED'));
    assert.deepEqual(await storedAnn(t), before);
    assert.ok(!t.callNames().includes('identity.tryPatchUser'));
  });

  it('fails when no user is identified or found, changing nothing', async () => {
    const t = await nodeTestServices({ users: [ann] });
    const before = await storedAnn(t);
    const unknown = await runNode(patchObjectNode, { config, services: t.services, shared: { username: 'bob', objectAttributes: { mail: 'x@example.com' } } });
    assert.deepEqual(unknown.action, goTo('FAILURE'));
    const anonymous = await runNode(patchObjectNode, { config, services: t.services, shared: { objectAttributes: { mail: 'x@example.com' } } });
    assert.deepEqual(anonymous.action, goTo('FAILURE'));
    assert.deepEqual(await storedAnn(t), before);
  });

  it('fails with the store message when the policies refuse the patch, writing nothing and recording no terms (FAILURE)', async () => {
    const t = await nodeTestServices({ users: [ann] });
    const before = await storedAnn(t);
    const refused = await runNode(patchObjectNode, {
      config,
      services: t.services,
      shared: { username: 'ann', objectAttributes: { givenName: 'Annie' }, termsAccepted: terms },
      transient: { objectAttributes: { password: 'x' } },
    });
    assert.deepEqual(refused.action, goTo('FAILURE', { errorMessage: 'Policy validation failed' }));
    const after = await storedAnn(t);
    assert.deepEqual(after, before, 'neither the attributes nor the terms are written');
    assert.equal(after.meta['termsAccepted'], undefined);
    assert.equal(await signsInWith(t, 'Old12345'), true);
  });

  it('accepts patchAsObject, refuses bad config and another identity resource', async () => {
    const t = await nodeTestServices({ users: [ann] });
    const { action } = await runNode(patchObjectNode, { config: { ...config, patchAsObject: true }, services: t.services, shared: { username: 'ann', objectAttributes: { mail: 'a@example.com' } } });
    assert.deepEqual(action, goTo('PATCHED'));
    assert.equal((await storedAnn(t)).data['mail'], 'a@example.com');
    await assert.rejects(runNode(patchObjectNode, { config: { ...config, ignoredFields: 'userName' } }), /ignoredFields/);
    await assert.rejects(runNode(patchObjectNode, { shared: { username: 'ann' } }), /writes managed\/user/);
  });

  it('flattens nested objects into paths, keeping arrays and empty objects whole', () => {
    assert.deepEqual(patchFields({ a: { b: { c: 1 }, d: [1] }, e: {}, f: null }), { 'a/b/c': 1, 'a/d': [1], e: {}, f: null });
  });
});
