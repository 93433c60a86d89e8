/**
 * AM's rule for Create Object, Patch Object and Required Attributes Present: the node's
 * `identityResource` must be the journey's, or the node cannot run (a configuration error, not
 * an outcome).
 */
import { journeyError } from '../engine/errors.ts';
import type { NodeContext } from '../engine/node-context.ts';

/** Throws TREE_INVALID when `configured` differs from the journey's identity resource. */
export function checkIdentityResource(ctx: Pick<NodeContext<unknown>, 'identityResource' | 'nodeId'>, configured: string): void {
  if (configured !== ctx.identityResource) {
    throw journeyError('TREE_INVALID', `node ${ctx.nodeId} writes ${configured} but the journey's identity resource is ${ctx.identityResource}`);
  }
}
