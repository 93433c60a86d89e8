import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../../engine/actions.ts';
import { runNode } from '../../engine/node-testing.ts';
import { setSessionPropertiesNode } from './set-session-properties-node.ts';

describe('SetSessionPropertiesNode', () => {
  it('sets the properties for the session, over those set earlier (outcome)', async () => {
    const { action, session } = await runNode(setSessionPropertiesNode, { config: { properties: { department: 'sales', tier: 'gold' } }, sessionProperties: { tier: 'silver', kept: 'yes' } });
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(session.sessionProperties, { tier: 'gold', kept: 'yes', department: 'sales' });
    assert.equal(session.sessionLimits, undefined);
  });

  it('records shorter session limits when configured', async () => {
    const { session } = await runNode(setSessionPropertiesNode, { config: { properties: {}, maxSessionTime: 30, maxIdleTime: null } });
    assert.deepEqual(session.sessionLimits, { maxSessionMinutes: 30 });
  });

  it('refuses AM’s own properties', async () => {
    await assert.rejects(runNode(setSessionPropertiesNode, { config: { properties: { AMCtxId: 'forged' } } }), /protected session property AMCtxId/);
    await assert.rejects(runNode(setSessionPropertiesNode, { config: { properties: { 'am.protected.x': '1' } } }), /protected/);
  });
});
