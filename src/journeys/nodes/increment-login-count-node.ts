/**
 * Increment Login Count (`IncrementLoginCountNode`): adds one to `_meta/loginCount` of the user
 * identified by `identityAttribute` (or `shared.username`). Like AM it always goes on: a missing
 * user or a failing store is not a reason to fail a sign-in that already succeeded.
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { defineNode } from '../engine/define-node.ts';
import { identityValue } from '../engine/object-attributes.ts';

/** Increment Login Count: increments the identified user's login count, then `outcome`. */
export const incrementLoginCountNode = defineNode({
  type: 'IncrementLoginCountNode',
  displayName: 'Increment Login Count',
  category: 'identity management',
  description: "Increments the user's login count.",
  config: Type.Object({
    identityAttribute: Type.String({ default: 'userName', minLength: 1, description: 'Attribute the user is looked up by.' }),
  }),
  outcomes: ['outcome'],
  async process(ctx): Promise<NodeAction> {
    const identifier = identityValue(ctx.state, ctx.config.identityAttribute);
    if (identifier === undefined) return goTo('outcome');
    try {
      const user = await ctx.services.identity.findUser(ctx.identityResource, ctx.config.identityAttribute, identifier);
      if (user !== undefined) await ctx.services.identity.incrementLoginCount(ctx.identityResource, user._id);
    } catch {
      // AM logs and goes on; the runner's audit records the node either way.
    }
    return goTo('outcome');
  },
});
