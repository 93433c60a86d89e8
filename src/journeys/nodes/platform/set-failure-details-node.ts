/**
 * Set Failure Details (`SetFailureDetailsNode`): if the journey then ends in failure, its 401
 * answer says `failureMessage` (best locale of the request) instead of "Login failure" and carries
 * `failureDetails` (key → text; a text that is JSON goes out as JSON) in its `detail`, beside
 * `failureUrl`: `{"code":401,"reason":"Unauthorized","message":"Your account is locked",
 * "detail":{"failureUrl":"","Reason":"Exceeded max retries"}}`. Kept in shared state
 * (`engine/response-details.ts`) until the journey ends.
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../../engine/actions.ts';
import type { NodeAction } from '../../engine/actions.ts';
import { defineNode } from '../../engine/define-node.ts';
import { localize } from '../../engine/localize.ts';
import { detailValue, FAILURE_DETAILS_KEY } from '../../engine/response-details.ts';

const StringMap = (description: string) => Type.Record(Type.String(), Type.String(), { default: {}, description });

/** Set Failure Details: records the message and details, then `outcome`. */
export const setFailureDetailsNode = defineNode({
  type: 'SetFailureDetailsNode',
  displayName: 'Set Failure Details',
  category: 'utilities',
  description: 'Sets the message and details of the JSON answer if the journey fails.',
  config: Type.Object({
    failureMessage: StringMap('Failure message by locale.'),
    failureDetails: StringMap('Details to add: name → value (text, or JSON).'),
    headerControl: StringMap('Response headers (not set by Arbor).'),
  }),
  outcomes: ['outcome'],
  process(ctx): NodeAction {
    const details: Record<string, unknown> = {};
    for (const [name, text] of Object.entries(ctx.config.failureDetails)) details[name] = detailValue(text);
    const message = localize(ctx.config.failureMessage, ctx.request.locales);
    ctx.state.shared[FAILURE_DETAILS_KEY] = message === undefined || message.trim() === '' ? { details } : { message, details };
    return goTo('outcome');
  },
});
