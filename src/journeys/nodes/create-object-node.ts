/**
 * Create Object (`CreateObjectNode`): creates the managed object from the journey's shared and
 * transient `objectAttributes` (the password lives in transient state). KBA answers are hashed
 * first; terms accepted during the journey are written with the new object, in the same write (a
 * failure cannot leave a user who accepted terms without them). The new user's `_id`
 * and `userName` go to shared state so that later nodes and the session find the user.
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { defineNode } from '../engine/define-node.ts';
import { mergedObjectAttributes } from '../engine/object-attributes.ts';
import { valueAtPath } from './attribute-input.ts';
import { checkIdentityResource } from './check-identity-resource.ts';
import { identityResourceField } from './config-fields.ts';
import { hashKbaAnswers } from './hash-kba-answers.ts';
import { termsAcceptedOf } from './record-terms-accepted.ts';

/** True for values a schema-required attribute may not have. */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Create Object: `CREATED` with the new user identified, or `FAILURE`. */
export const createObjectNode = defineNode({
  type: 'CreateObjectNode',
  displayName: 'Create Object',
  category: 'identity management',
  description: 'Creates the managed object from the attributes collected in the journey.',
  config: Type.Object({ identityResource: identityResourceField() }),
  outcomes: ['CREATED', 'FAILURE'],
  async process(ctx): Promise<NodeAction> {
    checkIdentityResource(ctx, ctx.config.identityResource);
    const { identity, kba } = ctx.services;
    const object = await hashKbaAnswers(mergedObjectAttributes(ctx.state), kba);
    const { required } = await identity.schema(ctx.identityResource);
    if (required.some((name) => isBlank(valueAtPath(object, name)))) return goTo('FAILURE');

    const termsAccepted = termsAcceptedOf(ctx.state);
    const result = await identity.createUser(ctx.identityResource, object, termsAccepted === undefined ? {} : { termsAccepted });
    if (!result.ok) return goTo('FAILURE', { errorMessage: result.message });
    ctx.state.shared['_id'] = result.user._id;
    const userName = result.user.attributes['userName'];
    if (typeof userName === 'string' && userName !== '') ctx.state.shared['username'] = userName;
    return goTo('CREATED');
  },
});
