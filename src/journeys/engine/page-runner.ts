/**
 * PageNode semantics: every child runs with its own slice of the submitted callbacks; if any
 * child asks for input the whole page is sent again (children that were satisfied keep their
 * submitted values), otherwise the page leaves through the last child's outcome.
 */
import type { PageAction } from './actions.ts';
import type { Callback, SubmittedCallback } from './callbacks.ts';
import { outcomesOf } from './define-node.ts';
import { journeyError } from './errors.ts';
import type { JourneyRecord, PendingOwner, PendingStep } from './journey-state.ts';
import type { LoadedJourney } from './loaded-journey.ts';
import type { RunnerDeps } from './node-steps.ts';
import { processNode } from './node-steps.ts';
import { echoCallbacks } from './submission.ts';

/** How a page ended: a step to send, the last child's outcome, or a child that failed the journey. */
export type PageResult =
  | { kind: 'step'; pending: PendingStep }
  | { kind: 'outcome'; outcome: string; outcomes: readonly string[]; errorMessage?: string }
  | { kind: 'fail'; errorMessage?: string };

/** A page whose last child is this type runs it first, and the others only for its `localAuthentication` (AM's PageNode). */
const SELECT_IDP = 'SelectIdPNode';

/** Runs the children of a PageNode as one step. */
export async function runPage(
  action: PageAction,
  journey: LoadedJourney,
  record: JourneyRecord,
  answers: Map<string, SubmittedCallback[]> | undefined,
  deps: RunnerDeps,
  identityResource: string,
  pageId: string,
): Promise<PageResult> {
  const owners: PendingOwner[] = [];
  let needsInput = false;
  let last: { outcome: string; outcomes: readonly string[]; errorMessage?: string } | undefined;
  const lastChild = action.children[action.children.length - 1];
  let chosen: Awaited<ReturnType<typeof processNode>> | undefined;
  if (answers !== undefined && lastChild !== undefined && lastChild.nodeType === SELECT_IDP && action.children.length > 1) {
    // A provider chosen on a sign-in page leaves at once: the name and password fields stay empty.
    const node = journey.node(lastChild._id, lastChild.nodeType, lastChild.displayName);
    chosen = await processNode(node, record, answers.get(lastChild._id) ?? [], deps, identityResource);
    if (chosen.kind === 'goTo' && chosen.outcome !== 'localAuthentication') return { kind: 'outcome', outcome: chosen.outcome, outcomes: outcomesOf(node.definition, node.config), ...(chosen.errorMessage === undefined ? {} : { errorMessage: chosen.errorMessage }) };
    if (chosen.kind === 'fail') return chosen.errorMessage === undefined ? { kind: 'fail' } : { kind: 'fail', errorMessage: chosen.errorMessage };
  }
  for (const child of action.children) {
    const node = journey.node(child._id, child.nodeType, child.displayName);
    const submitted = answers?.get(child._id);
    const result = child === lastChild && chosen !== undefined ? chosen : await processNode(node, record, answers === undefined ? undefined : (submitted ?? []), deps, identityResource);
    if (result.kind === 'fail') return result.errorMessage === undefined ? { kind: 'fail' } : { kind: 'fail', errorMessage: result.errorMessage };
    if (result.kind === 'send') {
      needsInput = true;
      owners.push({ nodeId: child._id, callbacks: result.callbacks });
      last = undefined;
    } else if (result.kind === 'goTo') {
      const sent: Callback[] = answers === undefined ? [] : (record.pending?.owners.find((o) => o.nodeId === child._id)?.callbacks ?? []);
      owners.push({ nodeId: child._id, callbacks: echoCallbacks(sent, submitted) });
      last = { outcome: result.outcome, outcomes: outcomesOf(node.definition, node.config), ...(result.errorMessage === undefined ? {} : { errorMessage: result.errorMessage }) };
    } else {
      throw journeyError('TREE_INVALID', `page ${pageId}: child ${child._id} (${child.nodeType}) cannot be inside a page (it ${result.kind === 'suspend' ? 'suspends the journey' : 'runs a page or a tree'})`);
    }
  }
  if (needsInput || last === undefined) {
    if (owners.every((owner) => owner.callbacks.length === 0) && last === undefined) {
      throw journeyError('TREE_INVALID', `page ${pageId} has no children`);
    }
    return { kind: 'step', pending: { nodeId: pageId, owners, page: action.page } };
  }
  return { kind: 'outcome', ...last };
}
