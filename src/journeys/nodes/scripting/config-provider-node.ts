/**
 * Configuration Provider (`ConfigProviderNode`): runs the realm's script named by `script`
 * (context `CONFIG_PROVIDER_NODE`), whose `config = {…}` is the configuration of a node of type
 * `nodeType`, then runs that node with it, parsed and checked as imported config is. The node
 * leaves through the imitated node's outcomes, or through `Configuration failure` when the script
 * fails or its config does not fit the imitated node. As in AM, the imitated node type must have
 * fixed outcomes (or outcomes its default config gives).
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../../engine/actions.ts';
import type { NodeAction } from '../../engine/actions.ts';
import { defineNode, outcomesOf } from '../../engine/define-node.ts';
import type { AnyNodeDefinition, NodeDefinition } from '../../engine/define-node.ts';
import { parseNodeConfig } from '../../engine/parse-node-config.ts';
import { isScriptError } from '../../../scripting/script-error.ts';
import { bindingsData } from './scripted-decision-node.ts';
import { SCRIPTING } from './scripting-gateway.ts';

/** The outcome taken when the script fails or builds a config the imitated node refuses. */
export const CONFIGURATION_FAILURE = 'Configuration failure';

/** Where the node finds the definitions of the node types it imitates. */
export interface ImitatedNodeTypes {
  get(type: string): AnyNodeDefinition | undefined;
}

const configSchema = Type.Object({
  script: Type.String({ minLength: 1, description: 'The id of the realm’s Config Provider script.' }),
  nodeType: Type.String({ minLength: 1, description: 'The type of the node the script configures.' }),
  scriptInputs: Type.Array(Type.String(), { default: ['*'], description: 'State keys the script may read (* for all).' }),
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The outcomes of the imitated type: fixed, or those of its default config; empty when unknown. */
export function imitatedOutcomes(definition: AnyNodeDefinition | undefined): readonly string[] {
  if (definition === undefined) return [];
  if (typeof definition.outcomes !== 'function') return definition.outcomes;
  const defaults = parseNodeConfig(definition, {});
  return defaults.ok ? outcomesOf(definition, defaults.config) : [];
}

/** The Configuration Provider node over `types` (the node types it may imitate). */
export function createConfigProviderNode(types: ImitatedNodeTypes): NodeDefinition<typeof configSchema> {
  return defineNode({
    type: 'ConfigProviderNode',
    displayName: 'Configuration Provider',
    category: 'utilities',
    description: 'Runs a script that builds the configuration of another node, then runs that node with it.',
    config: configSchema,
    outcomes: (config) => [...imitatedOutcomes(types.get(config.nodeType)).filter((outcome) => outcome !== CONFIGURATION_FAILURE), CONFIGURATION_FAILURE],
    async process(ctx): Promise<NodeAction> {
      const definition = types.get(ctx.config.nodeType);
      if (definition === undefined || definition.type === 'ConfigProviderNode') return goTo(CONFIGURATION_FAILURE);
      const scripting = ctx.services.capabilities.get(SCRIPTING);
      let built: unknown;
      try {
        const output = await scripting.evaluate({
          realm: ctx.request.realm,
          scriptId: ctx.config.script,
          outcomes: [],
          requireOutcome: false,
          data: { ...bindingsData({ ...ctx, config: { inputs: ctx.config.scriptInputs, outputs: [] } }), collectConfig: true },
          identity: ctx.services.identity,
          identityResource: ctx.identityResource,
        });
        built = output.config;
      } catch (error) {
        if (isScriptError(error)) return goTo(CONFIGURATION_FAILURE);
        throw error;
      }
      if (!isRecord(built)) return goTo(CONFIGURATION_FAILURE);
      const parsed = parseNodeConfig(definition, { ...built, _id: ctx.nodeId, _type: { _id: definition.type } });
      if (!parsed.ok) return goTo(CONFIGURATION_FAILURE);
      return definition.process({ ...ctx, config: parsed.config });
    },
  });
}
