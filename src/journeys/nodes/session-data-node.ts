/**
 * Get Session Data (`SessionDataNode`): copies a property of the caller's existing session into
 * shared state and, as AM does, into `shared.objectAttributes` under the same key: e.g. `UserToken`
 * (the signed-in username) to `userName` in the Update Password journey. Without a session, or
 * when the session lacks the property, nothing is written and the journey goes on (AM logs an
 * error): the nodes that follow then find no user, and Update Password suspends without sending
 * an email, as it does for an unknown account.
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { defineNode } from '../engine/define-node.ts';
import type { ExistingSession } from '../engine/node-context.ts';
import { setObjectAttribute } from '../engine/object-attributes.ts';

/** AM session properties that name the signed-in user. */
const USERNAME_KEYS = new Set(['UserToken', 'UserId']);

/** The value of session property `key`, undefined when the session does not have it. */
export function sessionProperty(session: ExistingSession, key: string): string | undefined {
  if (USERNAME_KEYS.has(key)) return session.username;
  return Object.hasOwn(session.properties, key) ? session.properties[key] : undefined;
}

/** Get Session Data: copies one session property to shared state, then `outcome`. */
export const sessionDataNode = defineNode({
  type: 'SessionDataNode',
  displayName: 'Get Session Data',
  category: 'utilities',
  description: "Copies a property of the user's current session into the journey state.",
  config: Type.Object({
    sessionDataKey: Type.String({ minLength: 1, description: 'The session property, e.g. UserToken (the username).' }),
    sharedStateKey: Type.String({ minLength: 1, description: 'The shared state key that receives it.' }),
  }),
  outcomes: ['outcome'],
  process(ctx): NodeAction {
    const session = ctx.request.existingSession;
    const value = session === undefined ? undefined : sessionProperty(session, ctx.config.sessionDataKey);
    if (value !== undefined) {
      ctx.state.shared[ctx.config.sharedStateKey] = value;
      setObjectAttribute(ctx.state, ctx.config.sharedStateKey, value, { secret: false });
    }
    return goTo('outcome');
  },
});
