/**
 * The node types for tests of scripts in journey import and export: Arbor's built-in ones, the
 * Social Provider Handler (its `script` names a script), and a Scripted Decision node. The real
 * Scripted Decision node comes with the scripting capability; until the built-in registry has it,
 * a stand-in with AM's config (`script`, `outcomes`, `inputs`, `outputs`) and outcomes (its
 * `outcomes`) takes its place. Import only validates, so the stand-in never runs.
 */
import { Type } from '@sinclair/typebox';
import { anyNode, defineNode } from '../../engine/define-node.ts';
import type { AnyNodeDefinition } from '../../engine/define-node.ts';
import { builtinNodes } from '../../nodes/registry.ts';
import { socialProviderHandlerNode } from '../../nodes/social/social-provider-handler-node.ts';

const scriptedDecisionStandIn = anyNode(
  defineNode({
    type: 'ScriptedDecisionNode',
    displayName: 'Scripted Decision (test stand-in)',
    category: 'utilities',
    description: 'Validation only: the outcomes are the config’s.',
    config: Type.Object({
      script: Type.String({ minLength: 1 }),
      outcomes: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
      inputs: Type.Optional(Type.Array(Type.String())),
      outputs: Type.Optional(Type.Array(Type.String())),
    }),
    outcomes: (config) => config.outcomes,
    process: () => {
      throw new Error('the Scripted Decision stand-in never runs');
    },
  }),
);

const definitions: readonly AnyNodeDefinition[] = [...builtinNodes, anyNode(socialProviderHandlerNode)];

/** A registry with the node types above. */
export const scriptTestRegistry = {
  get: (type: string): AnyNodeDefinition | undefined => definitions.find((node) => node.type === type) ?? (type === 'ScriptedDecisionNode' ? scriptedDecisionStandIn : undefined),
};
