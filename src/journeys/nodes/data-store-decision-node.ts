/**
 * Data Store Decision (`DataStoreDecisionNode`): checks `shared.username` and
 * `transient.password` against the identity store through the credential guard
 * (`credentials.checkPassword`): an attempt is reserved against the realm's lockout and the
 * client address's throttle before the password is verified. An unknown user and a wrong
 * password both give `false`, and the same messages: an unknown name is counted and locked out
 * like an account. A locked account gives `false` with AM's "User Locked Out." without its
 * password being verified; an inactive account says so only to whoever gives its right password.
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { defineNode } from '../engine/define-node.ts';

/** The attribute the classic `username` is looked up by. */
const USERNAME_ATTRIBUTE = 'userName';

/** AM's failure message for a locked account. */
export const LOCKED_OUT_MESSAGE = 'User Locked Out.';

/** AM's lockout warning: "Warning: You will be locked out after N more failure(s)." */
export function lockoutWarning(remaining: number): string {
  return `Warning: You will be locked out after ${remaining} more failure(s).`;
}

/** Data Store Decision: `true` when the password matches an active account, else `false`. */
export const dataStoreDecisionNode = defineNode({
  type: 'DataStoreDecisionNode',
  displayName: 'Data Store Decision',
  category: 'basic authentication',
  description: 'Checks the username and password against the identity store.',
  config: Type.Object({}),
  outcomes: ['true', 'false'],
  async process(ctx): Promise<NodeAction> {
    const username = ctx.state.shared['username'];
    const password = ctx.state.transient['password'];
    if (typeof username !== 'string' || username === '') return goTo('false');
    if (typeof password !== 'string' || password.trim() === '') return goTo('false');

    const check = await ctx.services.credentials.checkPassword(ctx.identityResource, username, password, ctx.request.clientIp);
    if (check.outcome === 'locked') return goTo('false', { errorMessage: LOCKED_OUT_MESSAGE });
    if (check.outcome === 'wrong') {
      return check.remaining !== undefined && check.remaining > 0 ? goTo('false', { errorMessage: lockoutWarning(check.remaining) }) : goTo('false');
    }
    const { user } = check;
    const storedName = user.attributes[USERNAME_ATTRIBUTE];
    ctx.state.shared['_id'] = user._id;
    ctx.state.shared['username'] = typeof storedName === 'string' && storedName !== '' ? storedName : username;
    return goTo('true');
  },
});
