/**
 * Auth Level Decision (`AuthLevelDecisionNode`): `true` when the journey's auth level
 * (`shared.authLevel`, 0 when absent) is at least `authLevelRequirement`, else `false`.
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../../engine/actions.ts';
import type { NodeAction } from '../../engine/actions.ts';
import { defineNode } from '../../engine/define-node.ts';
import { currentAuthLevel } from './auth-level.ts';

/** Auth Level Decision: compares the auth level with the requirement. */
export const authLevelDecisionNode = defineNode({
  type: 'AuthLevelDecisionNode',
  displayName: 'Auth Level Decision',
  category: 'utilities',
  description: "Checks that the journey's authentication level reaches a requirement.",
  config: Type.Object({
    authLevelRequirement: Type.Integer({ description: 'The lowest auth level that goes to true.' }),
  }),
  outcomes: ['true', 'false'],
  process(ctx): NodeAction {
    return goTo(currentAuthLevel(ctx.state) >= ctx.config.authLevelRequirement ? 'true' : 'false');
  },
});
