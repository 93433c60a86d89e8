import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../../engine/actions.ts';
import { runNode } from '../../engine/node-testing.ts';
import { removeSessionPropertiesNode } from './remove-session-properties-node.ts';

describe('RemoveSessionPropertiesNode', () => {
  it('removes the named properties, ignoring names never set (outcome)', async () => {
    const { action, session } = await runNode(removeSessionPropertiesNode, { config: { propertyNames: ['tier', 'absent'] }, sessionProperties: { tier: 'gold', kept: 'yes' } });
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(session.sessionProperties, { kept: 'yes' });
  });

  it('refuses to remove AM’s own properties', async () => {
    await assert.rejects(runNode(removeSessionPropertiesNode, { config: { propertyNames: ['UserToken'] } }), /protected session property UserToken/);
  });
});
