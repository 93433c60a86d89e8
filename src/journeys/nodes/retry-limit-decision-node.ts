/**
 * Retry Limit Decision (`RetryLimitDecisionNode`): lets a journey pass through `Retry` a limited
 * number of times, then `Reject`. The count lives in `shared["<nodeId>.retryCount"]`; with
 * `incrementUserAttributeOnFailure` it is also kept on the identified user, in the multi-valued
 * `retryLimitNodeCount` (`"<nodeId>=<count>"`), so that starting a new journey does not reset it;
 * the count is read and written in one atomic, policy-free update (it is not profile data). Reject
 * clears the user's entry, and so does a journey that ends in success (`clear-retry-counts.ts`,
 * called when the journey finishes), as AM does.
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { RETRY_COUNT_ATTRIBUTE, retryCountKey } from '../engine/clear-retry-counts.ts';
import { defineNode } from '../engine/define-node.ts';
import type { IdentityGateway } from '../engine/node-context.ts';

export { RETRY_COUNT_ATTRIBUTE, retryCountKey } from '../engine/clear-retry-counts.ts';

/** The `"<nodeId>=<count>"` entries of a stored value, whatever its shape. */
function entriesOf(stored: unknown): string[] {
  return Array.isArray(stored) ? stored.filter((entry): entry is string => typeof entry === 'string') : [];
}

/** The count in `entries` for `nodeId`, 0 when absent or unreadable. */
function countIn(entries: string[], nodeId: string): number {
  const entry = entries.find((candidate) => candidate.startsWith(`${nodeId}=`));
  const count = Number(entry?.slice(nodeId.length + 1));
  return Number.isInteger(count) && count >= 0 ? count : 0;
}

/**
 * Counts one pass on the user in one atomic update: below `limit` the entry goes up by one
 * (Retry), at the limit it is removed (Reject). Resolves to the outcome and the new count.
 */
async function countOnUser(identity: IdentityGateway, resource: string, userId: string, nodeId: string, limit: number): Promise<{ outcome: 'Retry' | 'Reject'; count: number }> {
  let result: { outcome: 'Retry' | 'Reject'; count: number } = { outcome: 'Reject', count: 0 };
  await identity.updateSystemAttribute(resource, userId, RETRY_COUNT_ATTRIBUTE, (stored) => {
    const entries = entriesOf(stored);
    const others = entries.filter((entry) => !entry.startsWith(`${nodeId}=`));
    const count = countIn(entries, nodeId);
    result = count < limit ? { outcome: 'Retry', count: count + 1 } : { outcome: 'Reject', count };
    return result.outcome === 'Retry' ? [...others, `${nodeId}=${result.count}`] : others;
  });
  return result;
}

/** Retry Limit Decision: `Retry` while the count is below `retryLimit`, then `Reject`. */
export const retryLimitDecisionNode = defineNode({
  type: 'RetryLimitDecisionNode',
  displayName: 'Retry Limit Decision',
  category: 'utilities',
  description: 'Allows a limited number of retries, then rejects.',
  config: Type.Object({
    retryLimit: Type.Integer({ default: 3, minimum: 1, description: 'Number of retries allowed.' }),
    incrementUserAttributeOnFailure: Type.Boolean({ default: true, description: 'Save the retry count on the user (Save Retry Limit to User).' }),
  }),
  outcomes: ['Retry', 'Reject'],
  async process(ctx): Promise<NodeAction> {
    const key = retryCountKey(ctx.nodeId);
    const stored = ctx.state.shared[key];
    const sharedCount = typeof stored === 'number' && Number.isInteger(stored) && stored >= 0 ? stored : 0;
    const userId = ctx.state.shared['_id'];
    const { identity } = ctx.services;
    const user =
      ctx.config.incrementUserAttributeOnFailure && typeof userId === 'string' && userId !== ''
        ? await identity.getUser(ctx.identityResource, userId)
        : undefined;
    if (user !== undefined) {
      const { outcome, count } = await countOnUser(identity, ctx.identityResource, user._id, ctx.nodeId, ctx.config.retryLimit);
      if (outcome === 'Retry') ctx.state.shared[key] = count;
      return goTo(outcome);
    }
    if (sharedCount < ctx.config.retryLimit) {
      ctx.state.shared[key] = sharedCount + 1;
      return goTo('Retry');
    }
    return goTo('Reject');
  },
});
