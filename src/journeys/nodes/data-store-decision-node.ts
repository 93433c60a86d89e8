/**
 * Data Store Decision (`DataStoreDecisionNode`): checks `shared.username` and
 * `transient.password` against the identity store through the credential guard
 * (`credentials.checkPassword`): an attempt is reserved against the realm's lockout and the
 * client address's throttle before the password is verified. An unknown user and a wrong
 * password both give `false`, and the same messages: an unknown name is counted and locked out
 * like an account. A locked account gives `false` with AM's "User Locked Out." without its
 * password being verified; an inactive account says so only to whoever gives its right password.
 */
import { recordAuthMethod } from '../engine/auth-methods.ts';
import { Type } from '@sinclair/typebox';
import { goTo } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { defineNode } from '../engine/define-node.ts';
import type { ManagedUserView, NodeContext, PasswordCheckResult } from '../engine/node-context.ts';

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
    const check = await checkStateCredentials(ctx);
    if (check === undefined) return goTo('false');
    if (check.outcome === 'locked') return goTo('false', { errorMessage: LOCKED_OUT_MESSAGE });
    if (check.outcome === 'wrong') return goTo('false', wrongPasswordMessage(check.remaining));
    identifyVerifiedUser(ctx, check.user);
    recordAuthMethod(ctx.state, 'pwd');
    return goTo('true');
  },
});

/**
 * Checks `shared.username` and `transient.password` through the credential guard (also for the
 * Identity Store Decision node); undefined when either is missing or blank (nothing is counted).
 */
export async function checkStateCredentials(ctx: Pick<NodeContext<unknown>, 'state' | 'services' | 'identityResource' | 'request'>): Promise<PasswordCheckResult | undefined> {
  const username = ctx.state.shared['username'];
  const password = ctx.state.transient['password'];
  if (typeof username !== 'string' || username === '') return undefined;
  if (typeof password !== 'string' || password.trim() === '') return undefined;
  return ctx.services.credentials.checkPassword(ctx.identityResource, username, password, ctx.request.clientIp);
}

/** The failure message of a wrong password: the lockout warning once the realm warns. */
export function wrongPasswordMessage(remaining: number | undefined): { errorMessage?: string } {
  return remaining !== undefined && remaining > 0 ? { errorMessage: lockoutWarning(remaining) } : {};
}

/** Identifies the verified `user` in shared state: `_id`, and `username` as stored. */
export function identifyVerifiedUser(ctx: Pick<NodeContext<unknown>, 'state'>, user: ManagedUserView): void {
  const storedName = user.attributes[USERNAME_ATTRIBUTE];
  const given = ctx.state.shared['username'];
  ctx.state.shared['_id'] = user._id;
  ctx.state.shared['username'] = typeof storedName === 'string' && storedName !== '' ? storedName : given;
}
