/**
 * Terms and Conditions Decision (`TermsAndConditionsDecisionNode`): has the journey's user
 * accepted the active version of the terms (`_meta.termsAccepted.termsVersion`)? Journeys send
 * users who have not to Accept Terms and Conditions, then Patch Object.
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { defineNode } from '../engine/define-node.ts';
import { identityAttributeField } from './config-fields.ts';
import { findIdentifiedUser } from './identified-user.ts';

/** Terms and Conditions Decision: `true` when no terms are active or the user accepted the active ones, else `false`. */
export const termsAndConditionsDecisionNode = defineNode({
  type: 'TermsAndConditionsDecisionNode',
  displayName: 'Terms and Conditions Decision',
  category: 'self-service',
  description: 'Checks whether the user has accepted the active terms and conditions.',
  config: Type.Object({ identityAttribute: identityAttributeField() }),
  outcomes: ['true', 'false'],
  async process(ctx): Promise<NodeAction> {
    const terms = await ctx.services.terms.active(ctx.request.locales);
    if (terms === undefined) return goTo('true');
    const user = await findIdentifiedUser(ctx, ctx.config.identityAttribute);
    const accepted = user?.meta['termsAccepted'];
    const version = typeof accepted === 'object' && accepted !== null ? (accepted as Record<string, unknown>)['termsVersion'] : undefined;
    return goTo(version === terms.version ? 'true' : 'false');
  },
});
