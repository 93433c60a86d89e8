/**
 * Modify Auth Level (`ModifyAuthLevelNode`): adds `authLevelIncrement` (may be negative) to the
 * journey's auth level (`shared.authLevel`, created at 0 when absent). The session created at the
 * end has that level; `getSessionInfo` shows it.
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../../engine/actions.ts';
import type { NodeAction } from '../../engine/actions.ts';
import { defineNode } from '../../engine/define-node.ts';
import { currentAuthLevel } from './auth-level.ts';

/** Modify Auth Level: raises (or lowers) the auth level, then `outcome`. */
export const modifyAuthLevelNode = defineNode({
  type: 'ModifyAuthLevelNode',
  displayName: 'Modify Auth Level',
  category: 'utilities',
  description: "Adds to (or subtracts from) the journey's authentication level.",
  config: Type.Object({
    authLevelIncrement: Type.Integer({ minimum: -1_000_000, maximum: 1_000_000, description: 'Added to the auth level; may be negative.' }),
  }),
  outcomes: ['outcome'],
  process(ctx): NodeAction {
    ctx.state.shared.authLevel = currentAuthLevel(ctx.state) + ctx.config.authLevelIncrement;
    return goTo('outcome');
  },
});
