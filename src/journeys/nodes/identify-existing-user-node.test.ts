import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeTestServices } from '../../platform/testing/node-test-services.ts';
import { goTo } from '../engine/actions.ts';
import { runNode } from '../engine/node-testing.ts';
import { identifyExistingUserNode } from './identify-existing-user-node.ts';

const ann = { _id: 'u1', attributes: { userName: 'ann', givenName: 'Ann', sn: 'Lee', mail: 'ann@example.com', aliasList: ['google-1', 'apple-2'] } };

describe('IdentifyExistingUserNode', () => {
  it('identifies the user found by mail: _id, username, objectAttributes.userName, aliases (true)', async () => {
    const t = await nodeTestServices({ users: [ann] });
    const { action, state } = await runNode(identifyExistingUserNode, {
      services: t.services,
      shared: { objectAttributes: { mail: 'ANN@example.com' } },
      transient: { objectAttributes: { aliasList: ['apple-2', 'x-3'] } },
    });
    assert.deepEqual(action, goTo('true'));
    assert.deepEqual(state.shared, { _id: 'u1', username: 'ann', objectAttributes: { mail: 'ANN@example.com', userName: 'ann' } });
    assert.deepEqual(state.transient, { objectAttributes: { aliasList: ['apple-2', 'x-3', 'google-1'] } });
    assert.deepEqual(t.calls.map((call) => [call.service, call.method, ...call.args]), [['identity', 'findUser', 'managed/alpha_user', 'mail', 'ANN@example.com']]);
  });

  it('copies another identifier and falls back to username for the lookup', async () => {
    const { action, state } = await runNode(identifyExistingUserNode, {
      config: { identifier: 'mail', identityAttribute: 'userName' },
      services: (await nodeTestServices({ users: [{ _id: 'u1', attributes: { userName: 'ann', mail: 'ann@example.com' } }] })).services,
      shared: { username: 'ann' },
    });
    assert.deepEqual(action, goTo('true'));
    assert.deepEqual(state.shared, { _id: 'u1', username: 'ann@example.com', objectAttributes: { mail: 'ann@example.com' } });
  });

  it('writes nothing when no user matches or nothing identifies one (false)', async () => {
    for (const shared of [{ objectAttributes: { mail: 'bob@example.com' } }, {}, { objectAttributes: { mail: 42 } }]) {
      const { action, state } = await runNode(identifyExistingUserNode, { services: (await nodeTestServices({ users: [ann] })).services, shared, callbacks: [] });
      assert.deepEqual(action, goTo('false'));
      assert.deepEqual(state.shared, shared);
    }
  });

  it('identifies nobody when several users share the value (false)', async () => {
    const t = await nodeTestServices({ users: [ann] });
    // Data from before mail was unique: no unique index on mail, and a second user with Ann's address.
    await t.store.managedObjects.setUniqueAttributes('alpha_user', ['userName']);
    await t.store.managedObjects.create('alpha_user', 'u2', { userName: 'ann2', mail: 'ann@example.com' }, {});
    const { action, state } = await runNode(identifyExistingUserNode, { services: t.services, shared: { objectAttributes: { mail: 'ann@example.com' } } });
    assert.deepEqual(action, goTo('false'));
    assert.deepEqual(state.shared, { objectAttributes: { mail: 'ann@example.com' } });
  });

  it('refuses an empty identifier in the config', async () => {
    await assert.rejects(runNode(identifyExistingUserNode, { config: { identifier: '' } }), /identifier/);
  });
});
