/**
 * Required Attributes Present (`RequiredAttributesDecisionNode`): has the journey collected
 * every attribute the managed object schema requires (in shared or transient
 * `objectAttributes`)? Typically placed before Create Object to ask for what is missing.
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { defineNode } from '../engine/define-node.ts';
import { mergedObjectAttributes } from '../engine/object-attributes.ts';
import { valueAtPath } from './attribute-input.ts';
import { checkIdentityResource } from './check-identity-resource.ts';
import { identityResourceField } from './config-fields.ts';
import { isBlank } from './create-object-node.ts';

/** Required Attributes Present: `true` when every schema-required attribute has a value, else `false`. */
export const requiredAttributesDecisionNode = defineNode({
  type: 'RequiredAttributesDecisionNode',
  displayName: 'Required Attributes Present',
  category: 'identity management',
  description: 'Checks that the journey holds every attribute the identity schema requires.',
  config: Type.Object({ identityResource: identityResourceField() }),
  outcomes: ['true', 'false'],
  async process(ctx): Promise<NodeAction> {
    checkIdentityResource(ctx, ctx.config.identityResource);
    const { required } = await ctx.services.identity.schema(ctx.identityResource);
    const object = mergedObjectAttributes(ctx.state);
    return goTo(required.every((name) => !isBlank(valueAtPath(object, name))) ? 'true' : 'false');
  },
});
