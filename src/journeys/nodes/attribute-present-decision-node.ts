/**
 * Attribute Present Decision (`AttributePresentDecisionNode`): does the journey's user have a
 * value for `presentAttribute`? Works for private attributes too: the password is never read,
 * only whether the user has one.
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { defineNode } from '../engine/define-node.ts';
import { valueAtPath } from './attribute-input.ts';
import { identityAttributeField } from './config-fields.ts';
import { findIdentifiedUser } from './identified-user.ts';

/** The attribute Arbor keeps as a hash, answered by `hasPassword`. */
const PASSWORD = 'password';

/** IDM's `pr`: present, not null, not an empty array. */
function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
}

/** Attribute Present Decision: `true` when the user has the attribute, else (or without a user) `false`. */
export const attributePresentDecisionNode = defineNode({
  type: 'AttributePresentDecisionNode',
  displayName: 'Attribute Present Decision',
  category: 'identity management',
  description: 'Checks whether the user has a value for an attribute, private ones included.',
  config: Type.Object({
    presentAttribute: Type.String({ default: PASSWORD, minLength: 1, description: 'The attribute to check; nested ones as parent/child.' }),
    identityAttribute: identityAttributeField(),
  }),
  outcomes: ['true', 'false'],
  async process(ctx): Promise<NodeAction> {
    const user = await findIdentifiedUser(ctx, ctx.config.identityAttribute);
    if (user === undefined) return goTo('false');
    const attribute = ctx.config.presentAttribute.replace(/^\//, '');
    const present = attribute === PASSWORD ? user.hasPassword : isPresent(valueAtPath(user.attributes, attribute));
    return goTo(present ? 'true' : 'false');
  },
});
