/**
 * Account Lockout (`AccountLockoutNode`): locks (`LOCK`) or unlocks (`UNLOCK`) the account named
 * by `shared.username`, whatever the realm's lockout settings; unlocking also clears the failure
 * count. An unknown or missing user goes on unchanged, so the journey reveals nothing about
 * which accounts exist.
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { defineNode } from '../engine/define-node.ts';

/** Account Lockout: sets the account's lock status, then `outcome`. */
export const accountLockoutNode = defineNode({
  type: 'AccountLockoutNode',
  displayName: 'Account Lockout',
  category: 'risk',
  description: 'Locks or unlocks the current user account.',
  config: Type.Object({
    lockAction: Type.Union([Type.Literal('LOCK'), Type.Literal('UNLOCK')], { default: 'LOCK', description: 'Lock or unlock the account.' }),
  }),
  outcomes: ['outcome'],
  async process(ctx): Promise<NodeAction> {
    const username = ctx.state.shared['username'];
    if (typeof username !== 'string' || username === '') return goTo('outcome');
    const user = await ctx.services.identity.findUser(ctx.identityResource, 'userName', username);
    if (user !== undefined) await ctx.services.lockout.setLocked(ctx.identityResource, user._id, ctx.config.lockAction === 'LOCK');
    return goTo('outcome');
  },
});
