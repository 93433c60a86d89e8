/**
 * The journey state the runner keeps on the server between steps (in the ephemeral store, single
 * use). It is stored sealed whole with the realm's key (`seal-journey-record.ts`): only the realm
 * is readable at rest.
 */
import type { Callback } from './callbacks.ts';
import type { PageInfo } from './actions.ts';

/** One level of the tree stack: the outer tree, then one frame per running inner tree. */
export interface JourneyFrame {
  tree: string;
  /** The node to run next, or the node waiting for callbacks. */
  nodeId: string;
  /** Outer transient state to restore when this inner tree ends (inner transient does not flow back). */
  outerTransient?: Record<string, unknown>;
}

/** The revision of one tree a journey runs: it keeps running that revision whatever is imported meanwhile. */
export interface TreeRevision {
  tree: string;
  revision: number;
}

/** Which node sent which callbacks in the pending step. */
export interface PendingOwner {
  nodeId: string;
  callbacks: Callback[];
}

/** The step the client must answer. */
export interface PendingStep {
  /** The node waiting: a PageNode or a single node. */
  nodeId: string;
  owners: PendingOwner[];
  page?: PageInfo;
}

/** Everything that survives between two requests of one journey. */
export interface JourneyRecord {
  realm: string;
  authIndexType: string;
  authIndexValue: string;
  /** Identity resource of the started tree (`managed/alpha_user`): where the user is looked up. */
  identityResource: string;
  frames: JourneyFrame[];
  /**
   * The revision of each tree the journey has loaded (the main tree, then each inner tree when it
   * is first entered); later steps load these revisions. Absent in records written before revisions.
   */
  revisions?: TreeRevision[];
  shared: Record<string, unknown>;
  transient: Record<string, unknown>;
  pending?: PendingStep;
  /** The last node that ran (the one whose outcome ended the journey, at its end): for the audit. */
  lastNode?: { id: string; type: string; tree: string };
  /** Message for the failure body, set by the last node that gave one. */
  errorMessage?: string;
  noSession: boolean;
  successUrl?: string;
  failureUrl?: string;
  startedAt: number;
  step: number;
  /** Set while the journey waits for its emailed link: the node that suspended it. */
  suspendedAt?: string;
  /** Properties for the session created at the end (Set Session Properties…); none when absent. */
  sessionProperties?: Record<string, string>;
  /** Session limits a node set (minutes), overriding the realm's for the session created at the end. */
  sessionLimits?: { maxSessionMinutes?: number; maxIdleMinutes?: number };
  /** What runs once the session exists (AM's tree hooks), in the order the nodes added them. */
  sessionHooks?: SessionHookEntry[];
}

/** A node's session hook: its type's `onSession` runs with `data` once the session exists. */
export interface SessionHookEntry {
  nodeType: string;
  nodeId: string;
  data: Record<string, unknown>;
}

/** The record as stored: the realm (to pick the key), and the whole record sealed with that realm's key. */
export interface StoredJourneyRecord {
  realm: string;
  /** `<kid>.<base64url(iv ‖ ciphertext ‖ tag)>` of the JSON record. */
  sealed: string;
}
