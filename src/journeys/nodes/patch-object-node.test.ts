import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../engine/actions.ts';
import { fakeKbaHash, fakeServices, runNode } from '../engine/node-testing.ts';
import { patchFields, patchObjectNode } from './patch-object-node.ts';

const config = { identityResource: 'managed/alpha_user' };
const ann = { _id: 'u1', attributes: { userName: 'ann', mail: 'ann@example.com', preferences: { updates: false, marketing: false } }, password: 'Old12345' };
const terms = { acceptDate: '2025-01-01T00:00:00.000Z', termsVersion: '2.0' };

describe('PatchObjectNode', () => {
  it('patches nested attributes field by field, the password from transient state, records terms (PATCHED)', async () => {
    const fakes = fakeServices({ users: [ann] });
    const { action } = await runNode(patchObjectNode, {
      config,
      services: fakes,
      shared: { username: 'ann', objectAttributes: { preferences: { marketing: true } }, termsAccepted: terms },
      transient: { objectAttributes: { password: 'New12345', kbaInfo: [{ questionId: '1', answer: 'Blue' }] } },
    });
    assert.deepEqual(action, goTo('PATCHED'));
    assert.deepEqual(fakes.patches, [{ id: 'u1', fields: { 'preferences/marketing': true, password: 'New12345', kbaInfo: [{ questionId: '1', answer: fakeKbaHash('Blue') }] } }]);
    assert.deepEqual(fakes.users[0]?.attributes['preferences'], { updates: false, marketing: true });
    assert.equal(fakes.users[0]?.password, 'New12345');
    assert.deepEqual(fakes.users[0]?.meta?.['termsAccepted'], terms);
  });

  it('finds the user by identityAttribute in objectAttributes and leaves ignored fields out', async () => {
    const fakes = fakeServices({ users: [ann] });
    const { action } = await runNode(patchObjectNode, {
      config: { ...config, identityAttribute: 'mail', ignoredFields: ['/userName', 'preferences'] },
      services: fakes,
      shared: { objectAttributes: { mail: 'ANN@example.com', userName: 'other', preferences: { updates: true } } },
      transient: { objectAttributes: { password: 'New12345' } },
    });
    assert.deepEqual(action, goTo('PATCHED'));
    assert.deepEqual(fakes.patches, [{ id: 'u1', fields: { mail: 'ANN@example.com', password: 'New12345' } }]);
  });

  it('goes to PATCHED without writing when nothing is left to patch', async () => {
    const fakes = fakeServices({ users: [ann] });
    const { action } = await runNode(patchObjectNode, { config: { ...config, ignoredFields: ['userName'] }, services: fakes, shared: { objectAttributes: { userName: 'ann' } }, callbacks: [] });
    assert.deepEqual(action, goTo('PATCHED'));
    assert.deepEqual(fakes.patches, []);
  });

  it('fails when no user is identified or found, and with the store message when the patch is refused (FAILURE)', async () => {
    const unknown = await runNode(patchObjectNode, { config, services: fakeServices({ users: [ann] }), shared: { username: 'bob', objectAttributes: { mail: 'x' } } });
    assert.deepEqual(unknown.action, goTo('FAILURE'));
    const anonymous = await runNode(patchObjectNode, { config, services: fakeServices({ users: [ann] }), shared: { objectAttributes: { mail: 'x' } } });
    assert.deepEqual(anonymous.action, goTo('FAILURE'));
    const fakes = fakeServices({ users: [ann], patchRefusal: () => 'Policy validation failed' });
    const refused = await runNode(patchObjectNode, { config, services: fakes, shared: { username: 'ann', termsAccepted: terms }, transient: { objectAttributes: { password: 'x' } } });
    assert.deepEqual(refused.action, goTo('FAILURE', { errorMessage: 'Policy validation failed' }));
    assert.equal(fakes.users[0]?.meta?.['termsAccepted'], undefined, 'terms are not recorded after a refused patch');
  });

  it('accepts patchAsObject, refuses bad config and another identity resource', async () => {
    const { action } = await runNode(patchObjectNode, { config: { ...config, patchAsObject: true }, services: fakeServices({ users: [ann] }), shared: { username: 'ann', objectAttributes: { mail: 'a@example.com' } } });
    assert.deepEqual(action, goTo('PATCHED'));
    await assert.rejects(runNode(patchObjectNode, { config: { ...config, ignoredFields: 'userName' } }), /ignoredFields/);
    await assert.rejects(runNode(patchObjectNode, { shared: { username: 'ann' } }), /writes managed\/user/);
  });

  it('flattens nested objects into paths, keeping arrays and empty objects whole', () => {
    assert.deepEqual(patchFields({ a: { b: { c: 1 }, d: [1] }, e: {}, f: null }), { 'a/b/c': 1, 'a/d': [1], e: {}, f: null });
  });
});
