/**
 * Whose device profiles a device node reads and writes: the realm name of the request's AM realm
 * path (`/alpha` → `alpha`, `/` → `root`) and the journey's user (`shared._id`, else the user
 * identified by `userName`), who must exist and be active, as AM's device nodes require.
 */
import { realmNameOfPath } from '../../../../config/realm-config.ts';
import type { ManagedUserView, NodeContext } from '../../../engine/node-context.ts';
import { findJourneyUser } from '../../identified-user.ts';

/** The realm and user a device belongs to. */
export interface DeviceOwner {
  realm: string;
  userId: string;
}


function isActive(user: ManagedUserView): boolean {
  const status = user.attributes['accountStatus'];
  return typeof status !== 'string' || status.toLowerCase() !== 'inactive';
}

/** The owner of the journey's devices; undefined when the user is unknown, missing or inactive. */
export async function deviceOwner(ctx: Pick<NodeContext<unknown>, 'state' | 'services' | 'identityResource' | 'request'>): Promise<DeviceOwner | undefined> {
  const user = await findJourneyUser(ctx);
  if (user === undefined || !isActive(user)) return undefined;
  return { realm: realmNameOfPath(ctx.request.realm), userId: user._id };
}
