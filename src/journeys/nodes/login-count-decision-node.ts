/**
 * Login Count Decision (`LoginCountDecisionNode`): triggers on the user's sign-in count
 * (`_meta.loginCount`, kept by Increment Login Count): `AT` a given count, or `EVERY` n sign-ins.
 * Progressive profile journeys use it to ask for more details now and then.
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { defineNode } from '../engine/define-node.ts';
import { identityAttributeField } from './config-fields.ts';
import { findIdentifiedUser } from './identified-user.ts';

/** Login Count Decision: `true` when the count is reached, else (or without a count) `false`. */
export const loginCountDecisionNode = defineNode({
  type: 'LoginCountDecisionNode',
  displayName: 'Login Count Decision',
  category: 'identity management',
  description: "Checks the user's sign-in count: at a given count, or every n sign-ins.",
  config: Type.Object({
    interval: Type.Union([Type.Literal('AT'), Type.Literal('EVERY')], { default: 'AT', description: 'AT: exactly at the amount; EVERY: every amount sign-ins.' }),
    amount: Type.Integer({ default: 25, minimum: 1, description: 'The sign-in count.' }),
    identityAttribute: identityAttributeField(),
  }),
  outcomes: ['true', 'false'],
  async process(ctx): Promise<NodeAction> {
    const user = await findIdentifiedUser(ctx, ctx.config.identityAttribute);
    const count = user?.meta['loginCount'];
    if (typeof count !== 'number' || !Number.isInteger(count)) return goTo('false');
    const { interval, amount } = ctx.config;
    const reached = interval === 'AT' ? count === amount : count > 0 && count % amount === 0;
    return goTo(reached ? 'true' : 'false');
  },
});
