import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../engine/actions.ts';
import { fakeKbaHash, fakeServices, runNode } from '../engine/node-testing.ts';
import { createObjectNode } from './create-object-node.ts';

const config = { identityResource: 'managed/alpha_user' };
const required = ['userName', 'givenName', 'sn', 'mail'];
const shared = {
  username: 'ann',
  objectAttributes: { userName: 'ann', givenName: 'Ann', sn: 'Lee', mail: 'ann@example.com', preferences: { marketing: true } },
  termsAccepted: { acceptDate: '2025-01-01T00:00:00.000Z', termsVersion: '0.0' },
};
const transient = { objectAttributes: { password: 'Secret12', kbaInfo: [{ questionId: '1', answer: ' Blue ' }, { customQuestion: 'Pet?', answer: 'Rex' }] } };

describe('CreateObjectNode', () => {
  it('creates the user from shared and transient attributes with hashed KBA answers (CREATED)', async () => {
    const fakes = fakeServices({ required });
    const { action, state } = await runNode(createObjectNode, { config, services: fakes, shared, transient });
    assert.deepEqual(action, goTo('CREATED'));
    assert.deepEqual(fakes.created, [
      { ...shared.objectAttributes, password: 'Secret12', kbaInfo: [{ questionId: '1', answer: fakeKbaHash(' Blue ') }, { customQuestion: 'Pet?', answer: fakeKbaHash('Rex') }] },
    ]);
    assert.equal(JSON.stringify(fakes.users).includes('Blue'), false, 'no clear answer is stored');
    assert.equal(state.shared['_id'], 'new-1');
    assert.equal(state.shared['username'], 'ann');
    assert.deepEqual(fakes.users[0]?.meta?.['termsAccepted'], shared.termsAccepted);
    assert.deepEqual(state.transient, transient, 'transient state is left as it was');
  });

  it('fails without calling the store when a schema-required attribute is missing or blank (FAILURE)', async () => {
    for (const sn of [undefined, null, ' ']) {
      const fakes = fakeServices({ required });
      const { action } = await runNode(createObjectNode, { config, services: fakes, shared: { objectAttributes: { ...shared.objectAttributes, sn } }, transient });
      assert.deepEqual(action, goTo('FAILURE'));
      assert.deepEqual(fakes.created, []);
    }
  });

  it('fails with the store message as the journey error when the object is refused (FAILURE)', async () => {
    const fakes = fakeServices({ required, createRefusal: () => 'Policy validation failed' });
    const { action, state } = await runNode(createObjectNode, { config, services: fakes, shared, transient });
    assert.deepEqual(action, goTo('FAILURE', { errorMessage: 'Policy validation failed' }));
    assert.equal(state.shared['_id'], undefined);
    assert.deepEqual(fakes.calls.filter((call) => call.startsWith('recordTerms')), []);
  });

  it('runs the same on re-entry with no callbacks (it sends none)', async () => {
    const { action } = await runNode(createObjectNode, { config, services: fakeServices({ required }), shared, transient, callbacks: [] });
    assert.deepEqual(action, goTo('CREATED'));
  });

  it('ignores a malformed termsAccepted and non-array KBA data; refuses another identity resource', async () => {
    const fakes = fakeServices({ required });
    const { action } = await runNode(createObjectNode, { config, services: fakes, shared: { ...shared, termsAccepted: { termsVersion: 1 } }, transient: { objectAttributes: { kbaInfo: 'x' } } });
    assert.deepEqual(action, goTo('CREATED'));
    assert.equal(fakes.created[0]?.['kbaInfo'], 'x');
    assert.equal(fakes.users[0]?.meta?.['termsAccepted'], undefined);
    await assert.rejects(runNode(createObjectNode, { config: { identityResource: 'managed/user' }, shared }), /writes managed\/user but the journey's identity resource is managed\/alpha_user/);
    await assert.rejects(runNode(createObjectNode, { config: { identityResource: '' } }), /identityResource/);
  });
});
