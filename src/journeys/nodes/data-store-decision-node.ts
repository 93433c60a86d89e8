/**
 * Data Store Decision (`DataStoreDecisionNode`): checks `shared.username` and
 * `transient.password` against the identity store, with the realm's account lockout. Unknown
 * user and wrong password both give `false`; a locked account gives `false` without looking at
 * the password.
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

    const { identity, lockout } = ctx.services;
    const user = await identity.findUser(ctx.identityResource, USERNAME_ATTRIBUTE, username);
    if (user === undefined) {
      // Equal timing: an unknown user costs what a wrong password costs.
      await identity.dummyVerify(password);
      return goTo('false');
    }
    if (await lockout.isLocked(ctx.identityResource, user._id)) return goTo('false', { errorMessage: LOCKED_OUT_MESSAGE });

    if (!(await identity.verifyPassword(ctx.identityResource, user._id, password))) {
      const failure = await lockout.recordFailure(ctx.identityResource, user._id);
      if (failure.locked) return goTo('false', { errorMessage: LOCKED_OUT_MESSAGE });
      if (failure.remaining !== undefined && failure.remaining > 0) {
        return goTo('false', { errorMessage: lockoutWarning(failure.remaining) });
      }
      return goTo('false');
    }

    const storedName = user.attributes[USERNAME_ATTRIBUTE];
    ctx.state.shared['_id'] = user._id;
    ctx.state.shared['username'] = typeof storedName === 'string' && storedName !== '' ? storedName : username;
    return goTo('true');
  },
});
