/**
 * Node Designer custom nodes (Identity Cloud): one definition stands for every `designer-…` node
 * type (the registry finds it by that prefix). A node names its type in `_type._id`; the type
 * itself (script, outcomes, properties) is the realm's, found under `CUSTOM_NODE_TYPES`. The
 * script runs with next-generation bindings and `properties` (the node's config, defaults
 * applied), and chooses one of the declared outcomes (`action.goTo`) or sends callbacks. A failing
 * script takes the `error` outcome when the type declares one, else ends the journey in failure.
 * The outcomes trees are validated with are those the node's config lists (`_outcomes`, as AM's
 * exports write them).
 */
import { createHash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { fail, goTo } from '../../engine/actions.ts';
import type { NodeAction } from '../../engine/actions.ts';
import { capabilityKey } from '../../engine/capabilities.ts';
import { defineNode } from '../../engine/define-node.ts';
import type { AmScript } from '../../../scripting/am-script.ts';
import { isScriptError } from '../../../scripting/script-error.ts';
import type { CustomNodeType } from './custom-script-node-definition.ts';
import { CUSTOM_NODE_ERROR_OUTCOME, CUSTOM_NODE_TYPE_PREFIX, customNodeProperties } from './custom-script-node-definition.ts';
import { bindingsData } from './scripted-decision-node.ts';
import { scriptNodeAction } from './script-node-action.ts';
import { SCRIPTING } from './scripting-gateway.ts';

/** The realm's custom node types, as the node reads them. */
export interface CustomNodeTypes {
  /** The type `id` of the realm (AM's path, `/alpha`), or undefined. */
  get(realm: string, id: string): Promise<CustomNodeType | undefined>;
}

/** The key the scripting capability registers the custom node types under. */
export const CUSTOM_NODE_TYPES = capabilityKey<CustomNodeTypes>('customNodeTypes');

/** The script of `type`, in AM's fields (a next-generation script, revised with its source). */
export function customNodeScript(type: CustomNodeType): AmScript {
  const digest = createHash('sha256').update(type.script).digest('hex');
  return {
    _id: type._id,
    name: type.displayName,
    description: type.description,
    script: Buffer.from(type.script, 'utf8').toString('base64'),
    language: 'JAVASCRIPT',
    context: 'AUTHENTICATION_TREE_DECISION_NODE',
    evaluatorVersion: '2.0',
    default: false,
    createdBy: 'node designer',
    creationDate: 0,
    lastModifiedBy: 'node designer',
    // The runner caches prepared scripts by id and revision: a changed source is a new revision.
    lastModifiedDate: Number.parseInt(digest.slice(0, 12), 16),
  };
}

const OutcomeRef = Type.Object({ id: Type.String() });

/** The node of every Node Designer type. */
export const customScriptNode = defineNode({
  type: `${CUSTOM_NODE_TYPE_PREFIX}*`,
  displayName: 'Custom node (Node Designer)',
  category: 'utilities',
  description: 'Runs the script of a Node Designer node type with the node’s properties.',
  config: Type.Object({
    _type: Type.Object({ _id: Type.String({ minLength: CUSTOM_NODE_TYPE_PREFIX.length + 1 }) }),
    _outcomes: Type.Array(OutcomeRef, { default: [], description: 'The outcomes of the node, as the export lists them.' }),
  }),
  outcomes: (config) => config._outcomes.map((outcome) => outcome.id),
  async process(ctx): Promise<NodeAction> {
    const typeId = ctx.config._type._id;
    const type = await ctx.services.capabilities.get(CUSTOM_NODE_TYPES).get(ctx.request.realm, typeId);
    if (type === undefined) return fail();
    const scripting = ctx.services.capabilities.get(SCRIPTING);
    let output: Awaited<ReturnType<typeof scripting.evaluate>>;
    try {
      output = await scripting.evaluate({
        realm: ctx.request.realm,
        scriptId: type._id,
        script: customNodeScript(type),
        outcomes: type.outcomes,
        data: { ...bindingsData({ ...ctx, config: { inputs: type.inputs.length === 0 ? ['*'] : type.inputs, outputs: type.outputs.length === 0 ? ['*'] : type.outputs } }), properties: customNodeProperties(type, ctx.config) },
        identity: ctx.services.identity,
        identityResource: ctx.identityResource,
      });
    } catch (error) {
      if (isScriptError(error)) return type.errorOutcome ? goTo(CUSTOM_NODE_ERROR_OUTCOME) : fail();
      throw error;
    }
    return scriptNodeAction(ctx.state, output);
  },
});
