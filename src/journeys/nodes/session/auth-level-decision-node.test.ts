import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../../engine/actions.ts';
import { runNode } from '../../engine/node-testing.ts';
import { authLevelDecisionNode } from './auth-level-decision-node.ts';

describe('AuthLevelDecisionNode', () => {
  it('is true when the auth level reaches the requirement', async () => {
    assert.deepEqual((await runNode(authLevelDecisionNode, { config: { authLevelRequirement: 10 }, shared: { authLevel: 10 } })).action, goTo('true'));
    assert.deepEqual((await runNode(authLevelDecisionNode, { config: { authLevelRequirement: 10 }, shared: { authLevel: 25 } })).action, goTo('true'));
  });

  it('is false below it, and with no auth level (0)', async () => {
    assert.deepEqual((await runNode(authLevelDecisionNode, { config: { authLevelRequirement: 10 }, shared: { authLevel: 9 } })).action, goTo('false'));
    assert.deepEqual((await runNode(authLevelDecisionNode, { config: { authLevelRequirement: 1 } })).action, goTo('false'));
    assert.deepEqual((await runNode(authLevelDecisionNode, { config: { authLevelRequirement: 1 }, shared: { authLevel: '5' } })).action, goTo('false'));
  });
});
