/**
 * Retry Limit Decision (`RetryLimitDecisionNode`): lets a journey pass through `Retry` a limited
 * number of times, then `Reject`. The count lives in `shared["<nodeId>.retryCount"]`; with
 * `incrementUserAttributeOnFailure` it is also kept on the identified user, in the multi-valued
 * `retryLimitNodeCount` (`"<nodeId>=<count>"`), so that starting a new journey does not reset it.
 * Reject clears the user's entry, as AM does (the runner clears it after a successful journey).
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { defineNode } from '../engine/define-node.ts';
import type { IdentityGateway, ManagedUserView } from '../engine/node-context.ts';

/** The user attribute AM keeps retry counts in. */
export const RETRY_COUNT_ATTRIBUTE = 'retryLimitNodeCount';

/** The shared-state key of a node's counter. */
export function retryCountKey(nodeId: string): string {
  return `${nodeId}.retryCount`;
}

/** The user's `"<nodeId>=<count>"` entries, whatever the stored shape. */
function entriesOf(user: ManagedUserView): string[] {
  const stored = user.attributes[RETRY_COUNT_ATTRIBUTE];
  return Array.isArray(stored) ? stored.filter((entry): entry is string => typeof entry === 'string') : [];
}

/** The count stored on the user for `nodeId`, 0 when absent or unreadable. */
function userCount(user: ManagedUserView, nodeId: string): number {
  const entry = entriesOf(user).find((candidate) => candidate.startsWith(`${nodeId}=`));
  const count = Number(entry?.slice(nodeId.length + 1));
  return Number.isInteger(count) && count >= 0 ? count : 0;
}

/** Replaces the user's entry for `nodeId` (or removes it when `count` is undefined). */
async function saveUserCount(identity: IdentityGateway, resource: string, user: ManagedUserView, nodeId: string, count: number | undefined): Promise<void> {
  const others = entriesOf(user).filter((entry) => !entry.startsWith(`${nodeId}=`));
  await identity.patchUser(resource, user._id, { [RETRY_COUNT_ATTRIBUTE]: count === undefined ? others : [...others, `${nodeId}=${count}`] });
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
    const count = user === undefined ? sharedCount : userCount(user, ctx.nodeId);

    if (count < ctx.config.retryLimit) {
      if (user !== undefined) await saveUserCount(identity, ctx.identityResource, user, ctx.nodeId, count + 1);
      ctx.state.shared[key] = count + 1;
      return goTo('Retry');
    }
    if (user !== undefined) await saveUserCount(identity, ctx.identityResource, user, ctx.nodeId, undefined);
    return goTo('Reject');
  },
});
