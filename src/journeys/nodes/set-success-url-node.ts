/**
 * Success URL (`SetSuccessUrlNode`): sets where the client goes after the journey succeeds
 * (`shared.successUrl`, AM's key; the success terminal answers it as `successUrl`).
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { defineNode } from '../engine/define-node.ts';

/** Success URL: writes `shared.successUrl`, then `outcome`. */
export const setSuccessUrlNode = defineNode({
  type: 'SetSuccessUrlNode',
  displayName: 'Success URL',
  category: 'utilities',
  description: 'Sets the URL the user is sent to when the journey succeeds.',
  config: Type.Object({
    successUrl: Type.String({ minLength: 1, description: 'Absolute or relative URL.' }),
  }),
  outcomes: ['outcome'],
  process(ctx): NodeAction {
    ctx.state.shared['successUrl'] = ctx.config.successUrl;
    return goTo('outcome');
  },
});
