/**
 * Remove Session Properties (`RemoveSessionPropertiesNode`): takes properties an earlier node of
 * the journey set (`propertyNames`) off the session the journey will create. A name not set is
 * ignored; AM's own properties are never removed (the journey fails, as AM's validator refuses them).
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../../engine/actions.ts';
import type { NodeAction } from '../../engine/actions.ts';
import { defineNode } from '../../engine/define-node.ts';
import { journeyError } from '../../engine/errors.ts';
import { isProtectedSessionProperty } from './protected-session-properties.ts';

/** Remove Session Properties: removes the named properties, then `outcome`. */
export const removeSessionPropertiesNode = defineNode({
  type: 'RemoveSessionPropertiesNode',
  displayName: 'Remove Session Properties',
  category: 'utilities',
  description: 'Removes properties set earlier in the journey from the session it will create.',
  config: Type.Object({
    propertyNames: Type.Array(Type.String({ minLength: 1 }), { default: [], description: 'The session properties to remove.' }),
  }),
  outcomes: ['outcome'],
  process(ctx): NodeAction {
    for (const name of ctx.config.propertyNames) {
      if (isProtectedSessionProperty(name)) throw journeyError('TREE_INVALID', `node ${ctx.nodeId} (RemoveSessionPropertiesNode) may not remove the protected session property ${name}`);
      ctx.session.removeProperty(name);
    }
    return goTo('outcome');
  },
});
