/**
 * Time Since Decision (`TimeSinceDecisionNode`): has at least `elapsedTime` minutes passed since
 * the user was created (`_meta.createDate`)? The time is given in minutes, as a number or as the
 * string AM exports.
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { defineNode } from '../engine/define-node.ts';
import { identityAttributeField } from './config-fields.ts';
import { findIdentifiedUser } from './identified-user.ts';

/** Time Since Decision: `true` when the user is at least that old, else (or without a creation date) `false`. */
export const timeSinceDecisionNode = defineNode({
  type: 'TimeSinceDecisionNode',
  displayName: 'Time Since Decision',
  category: 'identity management',
  description: 'Checks whether a given time has passed since the user was created.',
  config: Type.Object({
    elapsedTime: Type.Union([Type.Integer({ minimum: 0 }), Type.String({ pattern: '^\\s*\\d+\\s*$' })], { description: 'Minutes since the user was created.' }),
    identityAttribute: identityAttributeField(),
  }),
  outcomes: ['true', 'false'],
  async process(ctx): Promise<NodeAction> {
    const user = await findIdentifiedUser(ctx, ctx.config.identityAttribute);
    const createDate = user?.meta['createDate'];
    const created = typeof createDate === 'string' ? Date.parse(createDate) : Number.NaN;
    if (Number.isNaN(created)) return goTo('false');
    const minutes = Number(String(ctx.config.elapsedTime).trim());
    return goTo(created + minutes * 60_000 <= ctx.services.clock.now() ? 'true' : 'false');
  },
});
