/**
 * How platform nodes find the user a journey is about: the value of `identityAttribute` in
 * `objectAttributes` (shared, then transient), else a top-level shared value of that name (Get
 * Session Data writes `userName` there), else the classic `shared.username`; then an IDM lookup
 * `<identityAttribute> eq <value>` on the journey's identity resource.
 */
import type { JourneyStateData, ManagedUserView, NodeContext } from '../engine/node-context.ts';
import { getObjectAttribute } from '../engine/object-attributes.ts';

/** The identifier of the journey's user for `identityAttribute`, undefined when none is known. */
export function identityOf(state: JourneyStateData, identityAttribute: string): string | undefined {
  for (const candidate of [getObjectAttribute(state, identityAttribute), state.shared[identityAttribute], state.shared['username']]) {
    if (typeof candidate === 'string' && candidate !== '') return candidate;
  }
  return undefined;
}

/** The managed user identified by `identityAttribute`, undefined when unknown or not found. */
export async function findIdentifiedUser(ctx: Pick<NodeContext<unknown>, 'state' | 'services' | 'identityResource'>, identityAttribute: string): Promise<ManagedUserView | undefined> {
  const identifier = identityOf(ctx.state, identityAttribute);
  if (identifier === undefined) return undefined;
  return ctx.services.identity.findUser(ctx.identityResource, identityAttribute, identifier);
}

/** The journey's user: shared `_id` when a node has set it, else the one `userName` identifies. */
export async function findJourneyUser(ctx: Pick<NodeContext<unknown>, 'state' | 'services' | 'identityResource'>): Promise<ManagedUserView | undefined> {
  const id = ctx.state.shared['_id'];
  if (typeof id === 'string' && id !== '') return ctx.services.identity.getUser(ctx.identityResource, id);
  return findIdentifiedUser(ctx, 'userName');
}

/** The user as one JSON object (`_id` and attributes), as query filters and email templates see it. */
export function userObject(user: ManagedUserView): Record<string, unknown> {
  return { ...structuredClone(user.attributes), _id: user._id };
}
