import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../engine/actions.ts';
import { runNode } from '../engine/node-testing.ts';
import { sessionDataNode } from './session-data-node.ts';

const session = { username: 'ann', userId: 'u1', realm: '/alpha', properties: { AuthLevel: '0', 'am.protected.x': 'y' } };
const config = { sessionDataKey: 'UserToken', sharedStateKey: 'userName' };

describe('SessionDataNode', () => {
  it('copies the session username (UserToken) and other properties to shared state and objectAttributes (outcome)', async () => {
    const user = await runNode(sessionDataNode, { config, request: { existingSession: session } });
    assert.deepEqual(user.action, goTo('outcome'));
    assert.deepEqual(user.state.shared, { userName: 'ann', objectAttributes: { userName: 'ann' } });
    const level = await runNode(sessionDataNode, { config: { sessionDataKey: 'AuthLevel', sharedStateKey: 'level' }, request: { existingSession: session } });
    assert.deepEqual(level.state.shared, { level: '0', objectAttributes: { level: '0' } });
  });

  it('writes nothing without a session or when the session lacks the property, and still goes on', async () => {
    const anonymous = await runNode(sessionDataNode, { config, shared: { userName: 'kept' } });
    assert.deepEqual(anonymous.action, goTo('outcome'));
    assert.deepEqual(anonymous.state.shared, { userName: 'kept' });
    const missing = await runNode(sessionDataNode, { config: { sessionDataKey: 'toString', sharedStateKey: 'x' }, request: { existingSession: session }, callbacks: [] });
    assert.deepEqual(missing.state.shared, {});
  });

  it('requires both keys', async () => {
    await assert.rejects(runNode(sessionDataNode, { config: { sessionDataKey: 'UserToken' } }), /sharedStateKey/);
    await assert.rejects(runNode(sessionDataNode, { config: { ...config, sessionDataKey: '' } }), /sessionDataKey/);
  });
});
