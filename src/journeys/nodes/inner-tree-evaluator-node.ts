/**
 * Inner Tree Evaluator (`InnerTreeEvaluatorNode`): runs another tree of the realm with the same
 * shared state. The runner maps the inner tree's success and failure to `true` and `false`
 * (and, with `displayErrorOutcome`, an error inside it to `error`).
 */
import { Type } from '@sinclair/typebox';
import type { InnerTreeAction } from '../engine/actions.ts';
import { defineNode } from '../engine/define-node.ts';

/** Inner Tree Evaluator: hands the named tree to the runner. */
export const innerTreeEvaluatorNode = defineNode({
  type: 'InnerTreeEvaluatorNode',
  displayName: 'Inner Tree Evaluator',
  category: 'structure',
  description: 'Runs another journey of the realm and continues with its result.',
  config: Type.Object({
    tree: Type.String({ minLength: 1, description: 'Name of the tree to run.' }),
    displayErrorOutcome: Type.Boolean({ default: false, description: 'Add an `error` outcome for errors inside the inner tree.' }),
  }),
  outcomes: (config) => (config.displayErrorOutcome ? ['true', 'false', 'error'] : ['true', 'false']),
  process(ctx): InnerTreeAction {
    return { kind: 'innerTree', tree: ctx.config.tree };
  },
});
