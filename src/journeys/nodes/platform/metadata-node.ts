/**
 * State Metadata (`MetadataNode`): sends a MetadataCallback whose `data` holds the configured
 * `attributes` of shared state (those present), `{type:'MetadataCallback', output:[{name:'data',
 * value:{mail:'…'}}]}`, and goes on once the client sends the step back. Transient state (where
 * secrets live) is never sent.
 */
import { Type } from '@sinclair/typebox';
import { goTo, send } from '../../engine/actions.ts';
import type { NodeAction } from '../../engine/actions.ts';
import type { Callback } from '../../engine/callbacks.ts';
import { defineNode } from '../../engine/define-node.ts';

/** AM's MetadataCallback: one `data` output, no input. */
export function metadataCallback(data: Record<string, unknown>): Callback {
  return { type: 'MetadataCallback', output: [{ name: 'data', value: data }], inputs: [] };
}

/** State Metadata: sends the attributes, then `outcome`. */
export const metadataNode = defineNode({
  type: 'MetadataNode',
  displayName: 'State Metadata',
  category: 'utilities',
  description: 'Sends chosen shared state attributes to the client as metadata.',
  config: Type.Object({
    attributes: Type.Array(Type.String(), { default: [], description: 'Shared state attributes to send.' }),
  }),
  outcomes: ['outcome'],
  process(ctx): NodeAction {
    if (ctx.callbacks !== undefined) return goTo('outcome');
    const data: Record<string, unknown> = {};
    for (const attribute of ctx.config.attributes) {
      if (Object.hasOwn(ctx.state.shared, attribute) && ctx.state.shared[attribute] !== undefined) data[attribute] = structuredClone(ctx.state.shared[attribute]);
    }
    return send([metadataCallback(data)]);
  },
});
