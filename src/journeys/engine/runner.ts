/**
 * The journey runner: from the node the journey stands on, runs nodes until one needs the user or
 * a terminal is reached. Handles outcomes, PageNode steps (via `runPage`), inner trees (a stack of
 * frames sharing shared state) and the loop guard. Every tree it loads is pinned in the record at
 * the revision it got, so that later steps run the same version whatever is imported meanwhile.
 */
import type { SubmittedCallback } from './callbacks.ts';
import { journeyError } from './errors.ts';
import type { JourneyFrame, JourneyRecord, PendingStep } from './journey-state.ts';
import { divertToErrorOutcome } from './inner-tree-error.ts';
import type { LoadedJourney } from './loaded-journey.ts';
import type { RunnerDeps } from './node-steps.ts';
import { follow, processNode } from './node-steps.ts';
import { runPage } from './page-runner.ts';
import { treeIdentityResource } from './tree-identity-resource.ts';
import { FAILURE_NODE_ID, SUCCESS_NODE_ID } from './tree-model.ts';
import type { SuspendAction } from './actions.ts';

export type { NodeLookup, ResolvedNode, RunnerDeps } from './node-steps.ts';

/** Where a run stopped. */
export type RunResult =
  | { kind: 'step'; pending: PendingStep }
  | { kind: 'suspend'; nodeId: string; action: SuspendAction }
  | { kind: 'success' }
  | { kind: 'failure' };

/**
 * Runs the journey from its current position. `submitted` holds the values the client sent for
 * the pending step (by node id); they go only to the nodes that sent the callbacks.
 */
export async function runJourney(record: JourneyRecord, submitted: Map<string, SubmittedCallback[]> | undefined, deps: RunnerDeps): Promise<RunResult> {
  let answers = submitted;
  let resuming = deps.resumeNodeId !== undefined;
  let budget = deps.maxNodesPerRequest;
  const cache = new Map<string, LoadedJourney>((deps.preloaded ?? []).map((journey) => [journey.name, journey]));
  const load = async (name: string): Promise<LoadedJourney> => {
    const pinned = record.revisions?.find((entry) => entry.tree === name)?.revision;
    const known = cache.get(name) ?? (await deps.loadJourney(record.realm, name, pinned));
    if (known === undefined) {
      if (pinned === undefined) throw journeyError('TREE_NOT_FOUND', `tree ${name} does not exist in realm ${deps.request.realm}`);
      throw journeyError('TREE_REVISION_GONE', 'Session has timed out');
    }
    cache.set(name, known);
    if (pinned === undefined) record.revisions = [...(record.revisions ?? []), { tree: name, revision: known.revision }];
    return known;
  };
  for (;;) {
    const frame = record.frames[record.frames.length - 1];
    if (frame === undefined) throw journeyError('TREE_INVALID', 'journey has no frame');
    if (frame.nodeId === SUCCESS_NODE_ID || frame.nodeId === FAILURE_NODE_ID) {
      const succeeded = frame.nodeId === SUCCESS_NODE_ID;
      if (record.frames.length === 1) return { kind: succeeded ? 'success' : 'failure' };
      // An inner tree ended: its outcome becomes the evaluator's true/false; its transient state
      // does not flow back out.
      record.frames.pop();
      if (frame.outerTransient !== undefined) record.transient = frame.outerTransient;
      const parent = record.frames[record.frames.length - 1];
      if (parent === undefined) throw journeyError('TREE_INVALID', 'inner tree without parent');
      const parentJourney = await load(parent.tree);
      const evaluator = parentJourney.definition.tree.nodes[parent.nodeId];
      if (evaluator === undefined) throw journeyError('TREE_INVALID', `node ${parent.nodeId} missing from ${parent.tree}`);
      const resolved = parentJourney.node(parent.nodeId, evaluator.nodeType, evaluator.displayName);
      parent.nodeId = follow(parentJourney.definition, resolved, succeeded ? 'true' : 'false');
      continue;
    }
    budget -= 1;
    if (budget < 0) throw journeyError('LOOP_GUARD', `more than ${deps.maxNodesPerRequest} nodes ran in one request`);
    try {
      const stop = await step(frame);
      if (stop !== undefined) return stop;
    } catch (error) {
      if (record.frames.length < 2 || !(await divertToErrorOutcome(error, record, load))) throw error;
    }
  }

  /** Runs the frame's node; returns where the run stops, or undefined to go on. */
  async function step(frame: JourneyFrame): Promise<RunResult | undefined> {
    const journey = await load(frame.tree);
    const { definition } = journey;
    const entry = definition.tree.nodes[frame.nodeId];
    if (entry === undefined) throw journeyError('TREE_INVALID', `node ${frame.nodeId} missing from tree ${frame.tree}`);
    const node = journey.node(frame.nodeId, entry.nodeType, entry.displayName);
    record.lastNode = { id: frame.nodeId, type: entry.nodeType, tree: frame.tree };
    const identityResource = treeIdentityResource(definition.tree) ?? record.identityResource;
    const mine = answers?.get(frame.nodeId);
    const action = await processNode(node, record, answers === undefined ? undefined : mine, deps, identityResource, resuming && deps.resumeNodeId === node.id);
    resuming = false;
    switch (action.kind) {
      case 'suspend':
        return { kind: 'suspend', nodeId: frame.nodeId, action };
      case 'fail':
        if (action.errorMessage !== undefined) record.errorMessage = action.errorMessage;
        return { kind: 'failure' };
      case 'goTo':
        if (action.errorMessage !== undefined) record.errorMessage = action.errorMessage;
        frame.nodeId = follow(definition, node, action.outcome);
        answers = undefined;
        break;
      case 'send':
        return { kind: 'step', pending: { nodeId: frame.nodeId, owners: [{ nodeId: frame.nodeId, callbacks: action.callbacks }], ...(action.page ? { page: action.page } : {}) } };
      case 'page': {
        const result = await runPage(action, journey, record, answers, deps, identityResource, frame.nodeId);
        answers = undefined;
        if (result.kind === 'step') return result;
        if (result.errorMessage !== undefined) record.errorMessage = result.errorMessage;
        if (result.kind === 'fail') return { kind: 'failure' };
        frame.nodeId = follow(definition, { ...node, definition: { ...node.definition, outcomes: result.outcomes } }, result.outcome);
        break;
      }
      case 'innerTree': {
        const inner = await load(action.tree);
        record.frames.push({ tree: action.tree, nodeId: inner.definition.tree.entryNodeId, outerTransient: structuredClone(record.transient) });
        answers = undefined;
        break;
      }
    }
    return undefined;
  }
}
