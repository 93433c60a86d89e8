/**
 * Accept Terms and Conditions (`AcceptTermsAndConditionsNode`): shows the realm's active terms
 * (their Markdown text, as AM's callback carries it) and asks until they are accepted, then
 * writes `shared.termsAccepted = {acceptDate, termsVersion}` for Create or Patch Object to
 * record. With no active terms there is nothing to accept and the node goes on.
 */
import { Type } from '@sinclair/typebox';
import { goTo, send } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { inputValue, outputValue } from '../engine/callbacks.ts';
import { defineNode } from '../engine/define-node.ts';
import { termsAndConditionsCallback } from '../engine/self-service-callbacks.ts';

/** Accept Terms and Conditions: `outcome` once the user accepted (or when no terms are active). */
export const acceptTermsAndConditionsNode = defineNode({
  type: 'AcceptTermsAndConditionsNode',
  displayName: 'Accept Terms and Conditions',
  category: 'self-service',
  description: 'Asks the user to accept the active terms and conditions.',
  config: Type.Object({}),
  outcomes: ['outcome'],
  async process(ctx): Promise<NodeAction> {
    const submitted = ctx.callbacks?.find((callback) => callback.type === 'TermsAndConditionsCallback');
    const shownVersion = outputValue(submitted, 'version');
    if (inputValue(submitted) === true && typeof shownVersion === 'string') {
      // The version the user was shown, even if another became active since.
      ctx.state.shared['termsAccepted'] = { acceptDate: new Date(ctx.services.clock.now()).toISOString(), termsVersion: shownVersion };
      return goTo('outcome');
    }
    const terms = await ctx.services.terms.active(ctx.request.locales);
    if (terms === undefined) return goTo('outcome');
    return send([termsAndConditionsCallback({ version: terms.version, terms: terms.terms, createDate: terms.createDate })]);
  },
});
