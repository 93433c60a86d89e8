/**
 * Account Active Decision (`AccountActiveDecisionNode`): `true` when the journey's user (`shared._id`
 * set by a credential check, else `shared.username`) is active and not inside a lockout period,
 * `false` when the account is inactive, locked, or not found.
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../../engine/actions.ts';
import type { NodeAction } from '../../engine/actions.ts';
import { defineNode } from '../../engine/define-node.ts';
import type { ManagedUserView, NodeContext } from '../../engine/node-context.ts';

async function journeyUser(ctx: Pick<NodeContext<unknown>, 'state' | 'services' | 'identityResource'>): Promise<ManagedUserView | undefined> {
  const id = ctx.state.shared['_id'];
  if (typeof id === 'string' && id !== '') return ctx.services.identity.getUser(ctx.identityResource, id);
  const username = ctx.state.shared['username'];
  if (typeof username === 'string' && username !== '') return ctx.services.identity.findUser(ctx.identityResource, 'userName', username);
  return undefined;
}

/** Account Active Decision: `true` for an active, unlocked account, else `false`. */
export const accountActiveDecisionNode = defineNode({
  type: 'AccountActiveDecisionNode',
  displayName: 'Account Active Decision',
  category: 'risk',
  description: "Checks that the user's account is active and not locked.",
  config: Type.Object({}),
  outcomes: ['true', 'false'],
  async process(ctx): Promise<NodeAction> {
    const user = await journeyUser(ctx);
    if (user === undefined) return goTo('false');
    return goTo((await ctx.services.lockout.isLocked(ctx.identityResource, user._id)) ? 'false' : 'true');
  },
});
