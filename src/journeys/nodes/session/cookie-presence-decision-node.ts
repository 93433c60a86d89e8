/**
 * Cookie Presence Decision (`CookiePresenceDecisionNode`): `true` when the request carries the
 * cookie `cookieName` (any value, empty included), else `false`. Arbor's own cookies (the session
 * cookie, `arbor-*`) are never seen by nodes, so they always answer `false`.
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../../engine/actions.ts';
import type { NodeAction } from '../../engine/actions.ts';
import { defineNode } from '../../engine/define-node.ts';

/** Cookie Presence Decision: is the cookie in the request? */
export const cookiePresenceDecisionNode = defineNode({
  type: 'CookiePresenceDecisionNode',
  displayName: 'Cookie Presence Decision',
  category: 'utilities',
  description: 'Checks whether the request carries a named cookie.',
  config: Type.Object({
    cookieName: Type.String({ minLength: 1, description: 'The cookie to look for.' }),
  }),
  outcomes: ['true', 'false'],
  process(ctx): NodeAction {
    return goTo(ctx.request.cookie?.(ctx.config.cookieName) === undefined ? 'false' : 'true');
  },
});
