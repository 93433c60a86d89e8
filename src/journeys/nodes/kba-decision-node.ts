/**
 * KBA Decision (`KbaDecisionNode`): has the journey's user defined enough security questions
 * (at least the realm's `minimumAnswersToDefine`)? Journeys send users without them to KBA
 * Definition.
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { defineNode } from '../engine/define-node.ts';
import { identityAttributeField } from './config-fields.ts';
import { findIdentifiedUser } from './identified-user.ts';

/** KBA Decision: `true` when the user has defined enough questions, else (or without a user) `false`. */
export const kbaDecisionNode = defineNode({
  type: 'KbaDecisionNode',
  displayName: 'KBA Decision',
  category: 'self-service',
  description: 'Checks whether the user has defined enough security questions.',
  config: Type.Object({ identityAttribute: identityAttributeField() }),
  outcomes: ['true', 'false'],
  async process(ctx): Promise<NodeAction> {
    const user = await findIdentifiedUser(ctx, ctx.config.identityAttribute);
    if (user === undefined) return goTo('false');
    const { kbaPropertyName, minimumAnswersToDefine } = await ctx.services.kba.settings();
    const defined = user.attributes[kbaPropertyName];
    return goTo(Array.isArray(defined) && defined.length >= minimumAnswersToDefine ? 'true' : 'false');
  },
});
