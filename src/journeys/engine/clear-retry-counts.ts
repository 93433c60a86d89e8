/**
 * Retry counters of Retry Limit Decision nodes: each node keeps its pass count in shared state
 * (`<nodeId>.retryCount`) and, when it saves it to the user, as `"<nodeId>=<count>"` in the
 * user's multi-valued `retryLimitNodeCount`. A journey that ends in success clears the user's
 * entries of the retry nodes it passed through, as AM does, so that the next failures start
 * counting from zero; entries of other nodes are kept.
 */
import type { IdentityGateway } from './node-context.ts';

/** The user attribute AM keeps retry counts in. */
export const RETRY_COUNT_ATTRIBUTE = 'retryLimitNodeCount';

const RETRY_COUNT_SUFFIX = '.retryCount';

/** The shared-state key of a node's counter. */
export function retryCountKey(nodeId: string): string {
  return `${nodeId}${RETRY_COUNT_SUFFIX}`;
}

/** The ids of the retry nodes that counted in this journey (from their shared-state keys). */
export function retriedNodeIds(shared: Record<string, unknown>): string[] {
  return Object.keys(shared)
    .filter((key) => key.endsWith(RETRY_COUNT_SUFFIX) && key.length > RETRY_COUNT_SUFFIX.length)
    .map((key) => key.slice(0, -RETRY_COUNT_SUFFIX.length));
}

/** Removes the user's entries of the retry nodes in `shared` (one atomic update; none when no retry node counted). */
export async function clearRetryCounts(identity: IdentityGateway, identityResource: string, userId: string, shared: Record<string, unknown>): Promise<void> {
  const nodeIds = retriedNodeIds(shared);
  if (nodeIds.length === 0) return;
  const counted = (entry: unknown): boolean => typeof entry === 'string' && nodeIds.some((nodeId) => entry.startsWith(`${nodeId}=`));
  await identity.updateSystemAttribute(identityResource, userId, RETRY_COUNT_ATTRIBUTE, (stored) => (Array.isArray(stored) ? stored.filter((entry) => !counted(entry)) : stored));
}
