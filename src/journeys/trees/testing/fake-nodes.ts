/**
 * Small node types for tree tests, independent of the real nodes: a page, collectors with one
 * outcome, a true/false decision, a choice node whose outcomes are its choices, an inner tree
 * evaluator. Plus a registry over them.
 */
import { Type } from '@sinclair/typebox';
import type { NodeAction } from '../../engine/actions.ts';
import { anyNode, defineNode } from '../../engine/define-node.ts';
import type { AnyNodeDefinition } from '../../engine/define-node.ts';

const next = (): NodeAction => ({ kind: 'goTo', outcome: 'outcome' });


/** The fake node types. */
export const fakeNodes: readonly AnyNodeDefinition[] = [
  anyNode(
    defineNode({
      type: 'PageNode',
      displayName: 'Page',
      category: 'structure',
      description: 'fake page',
      config: Type.Object({
        nodes: Type.Array(Type.Object({ _id: Type.String(), nodeType: Type.String(), displayName: Type.String() })),
        pageHeader: Type.Optional(Type.Record(Type.String(), Type.String())),
      }),
      outcomes: ['outcome'],
      process: next,
    }),
  ),
  anyNode(defineNode({ type: 'UsernameNode', displayName: 'Username', category: 'basic authentication', description: 'fake', config: Type.Object({ attribute: Type.String({ default: 'userName' }) }), outcomes: ['outcome'], process: next })),
  anyNode(defineNode({ type: 'PasswordNode', displayName: 'Password', category: 'basic authentication', description: 'fake', config: Type.Object({}), outcomes: ['outcome'], process: next })),
  anyNode(defineNode({ type: 'DecisionNode', displayName: 'Decision', category: 'basic authentication', description: 'fake', config: Type.Object({}), outcomes: ['true', 'false'], process: next })),
  anyNode(
    defineNode({
      type: 'ChoiceNode',
      displayName: 'Choice',
      category: 'utilities',
      description: 'fake',
      config: Type.Object({ choices: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }) }),
      outcomes: (config) => config.choices,
      process: next,
    }),
  ),
  anyNode(
    defineNode({
      type: 'InnerTreeEvaluatorNode',
      displayName: 'Inner Tree',
      category: 'structure',
      description: 'fake',
      config: Type.Object({ tree: Type.String({ minLength: 1 }) }),
      outcomes: ['true', 'false'],
      process: () => ({ kind: 'goTo', outcome: 'true' }),
    }),
  ),
];

/** A registry over `fakeNodes`, shaped like the real `NodeRegistry`. */
export const fakeRegistry = {
  get: (type: string): AnyNodeDefinition | undefined => fakeNodes.find((node) => node.type === type),
  list: (): AnyNodeDefinition[] => [...fakeNodes],
};
