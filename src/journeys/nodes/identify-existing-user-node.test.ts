import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../engine/actions.ts';
import { fakeServices, runNode } from '../engine/node-testing.ts';
import { identifyExistingUserNode } from './identify-existing-user-node.ts';

const ann = { _id: 'u1', attributes: { userName: 'ann', mail: 'ann@example.com', aliasList: ['google-1', 'apple-2'] } };

describe('IdentifyExistingUserNode', () => {
  it('identifies the user found by mail: _id, username, objectAttributes.userName, aliases (true)', async () => {
    const fakes = fakeServices({ users: [ann] });
    const { action, state } = await runNode(identifyExistingUserNode, {
      services: fakes,
      shared: { objectAttributes: { mail: 'ANN@example.com' } },
      transient: { objectAttributes: { aliasList: ['apple-2', 'x-3'] } },
    });
    assert.deepEqual(action, goTo('true'));
    assert.deepEqual(state.shared, { _id: 'u1', username: 'ann', objectAttributes: { mail: 'ANN@example.com', userName: 'ann' } });
    assert.deepEqual(state.transient, { objectAttributes: { aliasList: ['apple-2', 'x-3', 'google-1'] } });
    assert.deepEqual(fakes.calls, ['findUser:mail:ANN@example.com']);
  });

  it('copies another identifier and falls back to username for the lookup', async () => {
    const { action, state } = await runNode(identifyExistingUserNode, {
      config: { identifier: 'mail', identityAttribute: 'userName' },
      services: fakeServices({ users: [{ _id: 'u1', attributes: { userName: 'ann', mail: 'ann@example.com' } }] }),
      shared: { username: 'ann' },
    });
    assert.deepEqual(action, goTo('true'));
    assert.deepEqual(state.shared, { _id: 'u1', username: 'ann@example.com', objectAttributes: { mail: 'ann@example.com' } });
  });

  it('writes nothing when no user matches or nothing identifies one (false)', async () => {
    for (const shared of [{ objectAttributes: { mail: 'bob@example.com' } }, {}, { objectAttributes: { mail: 42 } }]) {
      const { action, state } = await runNode(identifyExistingUserNode, { services: fakeServices({ users: [ann] }), shared, callbacks: [] });
      assert.deepEqual(action, goTo('false'));
      assert.deepEqual(state.shared, shared);
    }
  });

  it('refuses an empty identifier in the config', async () => {
    await assert.rejects(runNode(identifyExistingUserNode, { config: { identifier: '' } }), /identifier/);
  });
});
