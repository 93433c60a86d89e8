import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../../engine/actions.ts';
import { runNode } from '../../engine/node-testing.ts';
import { modifyAuthLevelNode } from './modify-auth-level-node.ts';

describe('ModifyAuthLevelNode', () => {
  it('starts from 0 when the journey has no auth level yet (outcome)', async () => {
    const { action, state } = await runNode(modifyAuthLevelNode, { config: { authLevelIncrement: 10 } });
    assert.deepEqual(action, goTo('outcome'));
    assert.equal(state.shared.authLevel, 10);
  });

  it('adds to the current level, negative increments too', async () => {
    assert.equal((await runNode(modifyAuthLevelNode, { config: { authLevelIncrement: 5 }, shared: { authLevel: 10 } })).state.shared.authLevel, 15);
    assert.equal((await runNode(modifyAuthLevelNode, { config: { authLevelIncrement: -3 }, shared: { authLevel: 10 } })).state.shared.authLevel, 7);
  });

  it('requires a whole increment', async () => {
    await assert.rejects(runNode(modifyAuthLevelNode, { config: {} }), /authLevelIncrement/);
    await assert.rejects(runNode(modifyAuthLevelNode, { config: { authLevelIncrement: 1.5 } }), /authLevelIncrement/);
  });
});
