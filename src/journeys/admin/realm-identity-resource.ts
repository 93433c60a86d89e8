/**
 * Frodo's classic imports write `identityResource: managed/user` whatever the realm (it rewrites any
 * value ending in `user`, the tree's and the nodes' that matched it). In a realm whose users are
 * another managed type (`managed/alpha_user` in alpha), `managed/user` would be the root realm's
 * users: it is mapped to the realm's own user type, in the tree and in every node config.
 */
import type { JourneyDefinition } from '../engine/tree-model.ts';

/** Frodo's value outside Identity Cloud. */
const CLASSIC_USER_RESOURCE = 'managed/user';

/** `definition` with `managed/user` replaced by `managed/<userType>`; unchanged when the realm's users are `user`. */
export function mapIdentityResource(definition: JourneyDefinition, userType: string): JourneyDefinition {
  const own = `managed/${userType}`;
  if (own === CLASSIC_USER_RESOURCE) return definition;
  const mapped = structuredClone(definition);
  if (mapped.tree.identityResource === CLASSIC_USER_RESOURCE) mapped.tree.identityResource = own;
  for (const node of Object.values(mapped.nodes)) {
    if (Object.hasOwn(node, 'identityResource') && node.identityResource === CLASSIC_USER_RESOURCE) node.identityResource = own;
  }
  return mapped;
}
