/**
 * What a node's `process` returns. Expected results (wrong password, locked account) are outcomes;
 * only bugs and unreachable infrastructure throw.
 */
import type { Callback } from './callbacks.ts';
import type { PageChildRef } from './tree-model.ts';

/** Leave the node through one of its declared outcomes. */
export interface GoToAction {
  kind: 'goTo';
  outcome: string;
  /** Replaces "Login failure" as the failure message if the journey ends in failure. */
  errorMessage?: string;
}

/** Page-level texts sent with a step. */
export interface PageInfo {
  header?: string;
  description?: string;
  stage?: string;
}

/** Ask the user: send callbacks and wait for them to come back. */
export interface SendAction {
  kind: 'send';
  callbacks: Callback[];
  page?: PageInfo;
}

/** PageNode: run these children as one step (the runner does the work). */
export interface PageAction {
  kind: 'page';
  children: PageChildRef[];
  page: PageInfo;
}

/** InnerTreeEvaluatorNode: run another tree of the realm with the same shared state. */
export interface InnerTreeAction {
  kind: 'innerTree';
  tree: string;
}

/**
 * Suspend the journey until the user follows an emailed link: the runner stores the state under
 * a single-use `suspendedId`, builds the resume URI and hands it to `deliver` (which sends the
 * email), then shows `message`. On resume the same node runs again with `resumedFromSuspend`.
 */
export interface SuspendAction {
  kind: 'suspend';
  message: string;
  /** How long the link works, minutes; undefined takes the realm's default. */
  durationMinutes?: number;
  deliver(resumeUri: string): Promise<void>;
}

/**
 * End the whole journey in failure now, whatever the tree says next (AM: a node's exception, as
 * when a social sign-in fails at the provider). `errorMessage` replaces "Login failure".
 */
export interface FailAction {
  kind: 'fail';
  errorMessage?: string;
}

/** Everything a node can ask the runner to do. */
export type NodeAction = GoToAction | SendAction | PageAction | InnerTreeAction | SuspendAction | FailAction;

/** Leave through `outcome`. */
export function goTo(outcome: string, options: { errorMessage?: string } = {}): GoToAction {
  return options.errorMessage === undefined ? { kind: 'goTo', outcome } : { kind: 'goTo', outcome, errorMessage: options.errorMessage };
}

/** Send `callbacks` to the user. */
export function send(callbacks: Callback[], page?: PageInfo): SendAction {
  return page === undefined ? { kind: 'send', callbacks } : { kind: 'send', callbacks, page };
}

/** End the journey in failure. */
export function fail(options: { errorMessage?: string } = {}): FailAction {
  return options.errorMessage === undefined ? { kind: 'fail' } : { kind: 'fail', errorMessage: options.errorMessage };
}
