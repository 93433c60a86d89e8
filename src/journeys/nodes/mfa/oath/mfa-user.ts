/**
 * Who a multi-factor node is about, and in which realm its devices live: the realm name of the
 * request's AM realm path (`/alpha` → `alpha`, `/` → `root`), and the managed user of the journey
 * (`shared._id` when an earlier node set it, else the user found by `userName` as platform nodes
 * find users). Undefined when the journey has no known user.
 */
import type { ManagedUserView, NodeContext } from '../../../engine/node-context.ts';
import { findIdentifiedUser } from '../../identified-user.ts';

/** The user and realm of an MFA node's device calls. */
export interface MfaUser {
  realm: string;
  userId: string;
  /** The managed user, when it could be read. */
  user: ManagedUserView | undefined;
}

/** `/alpha` → `alpha`; `/` → `root`; `/a/b` → `b` (the realm's own name). */
export function realmName(realmPath: string): string {
  const parts = realmPath.split('/').filter((part) => part !== '');
  return parts.at(-1) ?? 'root';
}

/** The journey's user, or undefined. */
export async function mfaUser(ctx: Pick<NodeContext<unknown>, 'state' | 'services' | 'identityResource' | 'request'>): Promise<MfaUser | undefined> {
  const realm = realmName(ctx.request.realm);
  const id = ctx.state.shared._id;
  if (typeof id === 'string' && id !== '') {
    return { realm, userId: id, user: await ctx.services.identity.getUser(ctx.identityResource, id) };
  }
  const user = await findIdentifiedUser(ctx, 'userName');
  return user === undefined ? undefined : { realm, userId: user._id, user };
}
