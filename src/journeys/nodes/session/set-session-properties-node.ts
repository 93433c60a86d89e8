/**
 * Set Session Properties (`SetSessionPropertiesNode`): properties for the session the journey
 * creates at its end (`properties`, key → value), and optionally shorter session limits
 * (`maxSessionTime`, `maxIdleTime`, minutes; they can only shorten the realm's). `getSessionInfo`
 * shows the properties; a later Get Session Data node of another journey reads them back. AM's
 * own properties (`AMCtxId`, `UserToken`, `am.protected.*`…) are refused: the journey fails.
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../../engine/actions.ts';
import type { NodeAction } from '../../engine/actions.ts';
import { defineNode } from '../../engine/define-node.ts';
import { journeyError } from '../../engine/errors.ts';
import { isProtectedSessionProperty } from './protected-session-properties.ts';

const minutes = (title: string) => Type.Optional(Type.Union([Type.Integer({ minimum: 1, description: title }), Type.Null()]));

/** Set Session Properties: records the properties (and limits) for the session, then `outcome`. */
export const setSessionPropertiesNode = defineNode({
  type: 'SetSessionPropertiesNode',
  displayName: 'Set Session Properties',
  category: 'utilities',
  description: 'Adds properties to the session created when the journey succeeds.',
  config: Type.Object({
    properties: Type.Record(Type.String({ minLength: 1 }), Type.String(), { default: {}, description: 'The properties to set on the session, name → value.' }),
    maxSessionTime: minutes('Maximum session time, minutes (never longer than the realm’s).'),
    maxIdleTime: minutes('Maximum idle time, minutes (never longer than the realm’s).'),
  }),
  outcomes: ['outcome'],
  process(ctx): NodeAction {
    for (const [name, value] of Object.entries(ctx.config.properties)) {
      if (isProtectedSessionProperty(name)) throw journeyError('TREE_INVALID', `node ${ctx.nodeId} (SetSessionPropertiesNode) may not set the protected session property ${name}`);
      ctx.session.setProperty(name, value);
    }
    const { maxSessionTime, maxIdleTime } = ctx.config;
    if (typeof maxSessionTime === 'number' || typeof maxIdleTime === 'number') {
      ctx.session.setLimits({
        ...(typeof maxSessionTime === 'number' ? { maxSessionMinutes: maxSessionTime } : {}),
        ...(typeof maxIdleTime === 'number' ? { maxIdleMinutes: maxIdleTime } : {}),
      });
    }
    return goTo('outcome');
  },
});
