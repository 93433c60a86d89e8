import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { outcomesOf } from '../engine/define-node.ts';
import { runNode } from '../engine/node-testing.ts';
import { parseNodeConfig } from '../engine/parse-node-config.ts';
import { innerTreeEvaluatorNode } from './inner-tree-evaluator-node.ts';
import { anyNode } from './registry.ts';

describe('InnerTreeEvaluatorNode', () => {
  it('asks the runner to run the named tree', async () => {
    const { action, state } = await runNode(innerTreeEvaluatorNode, { config: { tree: 'PlatformProgressiveProfile' }, shared: { username: 'bob' } });
    assert.deepEqual(action, { kind: 'innerTree', tree: 'PlatformProgressiveProfile' });
    assert.deepEqual(state.shared, { username: 'bob' });
  });

  it('has true and false, plus error when displayErrorOutcome is set', () => {
    const plain = parseNodeConfig(innerTreeEvaluatorNode, { tree: 'Login' });
    const withError = parseNodeConfig(innerTreeEvaluatorNode, { tree: 'Login', displayErrorOutcome: true });
    assert.ok(plain.ok && withError.ok);
    assert.deepEqual(outcomesOf(anyNode(innerTreeEvaluatorNode), plain.config), ['true', 'false']);
    assert.deepEqual(outcomesOf(anyNode(innerTreeEvaluatorNode), withError.config), ['true', 'false', 'error']);
  });

  it('gives the same action on re-entry', async () => {
    const first = await runNode(innerTreeEvaluatorNode, { config: { tree: 'Login' } });
    const again = await runNode(innerTreeEvaluatorNode, { config: { tree: 'Login' }, callbacks: [] });
    assert.deepEqual(again.action, first.action);
  });

  it('rejects a missing, empty or wrong-typed tree name', () => {
    for (const raw of [{}, { tree: '' }, { tree: 3 }, { tree: 'Login', displayErrorOutcome: 'no' }]) {
      const result = parseNodeConfig(innerTreeEvaluatorNode, raw);
      assert.equal(result.ok, false, JSON.stringify(raw));
    }
  });
});
