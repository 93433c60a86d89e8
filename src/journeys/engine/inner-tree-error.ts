/**
 * InnerTreeEvaluatorNode's `error` outcome: when a node inside an inner tree fails (a broken
 * tree, an unreachable service) and an enclosing evaluator has `displayErrorOutcome`, the journey
 * leaves that evaluator through `error` with `errorMessage` in shared state, as AM does.
 */
import { isStoreConnectionError } from '../../store/store-connection-error.ts';
import { isJourneyError } from './errors.ts';
import type { JourneyRecord } from './journey-state.ts';
import type { LoadedJourney } from './loaded-journey.ts';
import { follow } from './node-steps.ts';

/** Errors that are the client's or the protocol's, never an inner tree's failure. */
const NOT_DIVERTED = new Set(['BAD_SUBMISSION', 'AUTH_ID_EXPIRED', 'AUTH_ID_INVALID', 'AUTH_ID_MALFORMED', 'SUSPENDED_ID_INVALID', 'TREE_REVISION_GONE']);

/** Moves the journey to the `error` outcome of the nearest willing evaluator; false when there is none. */
export async function divertToErrorOutcome(
  error: unknown,
  record: JourneyRecord,
  load: (tree: string) => Promise<LoadedJourney>,
): Promise<boolean> {
  if (isJourneyError(error) && NOT_DIVERTED.has(error.code)) return false;
  // A store that is out fails the request (a 503): no outcome of the journey can work around it.
  if (isStoreConnectionError(error)) return false;
  for (let index = record.frames.length - 2; index >= 0; index -= 1) {
    const parent = record.frames[index];
    if (parent === undefined) continue;
    const journey = await load(parent.tree);
    const entry = journey.definition.tree.nodes[parent.nodeId];
    if (entry === undefined) continue;
    // Every parent frame waits on the node that started the inner tree: an evaluator.
    const evaluator = journey.node(parent.nodeId, entry.nodeType, entry.displayName);
    if ((evaluator.config as { displayErrorOutcome?: unknown }).displayErrorOutcome !== true) continue;
    const innermost = record.frames[index + 1];
    if (innermost?.outerTransient !== undefined) record.transient = innermost.outerTransient;
    record.frames.length = index + 1;
    record.shared.errorMessage = error instanceof Error ? error.message : String(error);
    record.shared.errorNode = { id: parent.nodeId, displayName: entry.displayName, type: entry.nodeType };
    parent.nodeId = follow(journey.definition, evaluator, 'error');
    return true;
  }
  return false;
}
