import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../../engine/actions.ts';
import { runNode } from '../../engine/node-testing.ts';
import { builtinNodes, createNodeRegistry } from '../registry.ts';
import { getSessionDataNode, persistentCookieNodes, sessionNodes } from './session-nodes.ts';

describe('session node types', () => {
  it('are registered with AM’s type names, the persistent cookie ones apart (their capability’s)', () => {
    const registry = createNodeRegistry(builtinNodes);
    for (const type of ['SetSessionPropertiesNode', 'RemoveSessionPropertiesNode', 'GetSessionDataNode', 'SessionDataNode', 'ModifyAuthLevelNode', 'AuthLevelDecisionNode', 'SetCustomCookieNode', 'CookiePresenceDecisionNode']) {
      assert.ok(registry.get(type), type);
    }
    assert.equal(sessionNodes.length, 7);
    assert.deepEqual(persistentCookieNodes.map((node) => [node.type, node.secretConfig]), [
      ['SetPersistentCookieNode', ['hmacSigningKey']],
      ['PersistentCookieDecisionNode', ['hmacSigningKey']],
    ]);
  });

  it('GetSessionDataNode is Get Session Data under its other name: copies a session property (outcome)', async () => {
    const existingSession = { username: 'ann', userId: 'u-ann', realm: 'alpha', properties: { department: 'sales' } };
    const { action, state } = await runNode(getSessionDataNode, { config: { sessionDataKey: 'department', sharedStateKey: 'dept' }, request: { existingSession } });
    assert.deepEqual(action, goTo('outcome'));
    assert.equal(state.shared.dept, 'sales');
    const { state: named } = await runNode(getSessionDataNode, { config: { sessionDataKey: 'UserToken', sharedStateKey: 'userName' }, request: { existingSession } });
    assert.equal(named.shared.userName, 'ann');
  });
});
