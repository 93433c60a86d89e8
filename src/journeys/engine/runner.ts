/**
 * The journey runner: from the node the journey stands on, runs nodes until one needs the user or
 * a terminal is reached. Handles outcomes, PageNode steps (via `runPage`), inner trees (a stack of
 * frames sharing shared state) and the loop guard.
 */
import type { AnyNodeDefinition } from './define-node.ts';
import { outcomesOf } from './define-node.ts';
import type { SubmittedCallback } from './callbacks.ts';
import { journeyError } from './errors.ts';
import type { JourneyFrame, JourneyRecord, PendingStep } from './journey-state.ts';
import { divertToErrorOutcome } from './inner-tree-error.ts';
import type { NodeContext, NodeServices, RequestFacts } from './node-context.ts';
import { parseNodeConfig } from './parse-node-config.ts';
import { runPage } from './page-runner.ts';
import { treeIdentityResource } from './tree-identity-resource.ts';
import type { JourneyDefinition, NodeConfigObject } from './tree-model.ts';
import { FAILURE_NODE_ID, SUCCESS_NODE_ID } from './tree-model.ts';
import type { NodeAction, SuspendAction } from './actions.ts';

/** Looks node types up by ForgeRock type id. */
export interface NodeLookup {
  get(type: string): AnyNodeDefinition | undefined;
}

/** What the runner needs besides the journey record. */
export interface RunnerDeps {
  nodes: NodeLookup;
  loadJourney(realm: string, name: string): Promise<JourneyDefinition | undefined>;
  services: NodeServices;
  request: RequestFacts;
  maxNodesPerRequest: number;
  /** The node the journey was suspended at, when this request resumes it through its link. */
  resumeNodeId?: string;
  /** Journeys the caller has already loaded for this request (not read again). */
  preloaded?: JourneyDefinition[];
}

/** Where a run stopped. */
export type RunResult =
  | { kind: 'step'; pending: PendingStep }
  | { kind: 'suspend'; nodeId: string; action: SuspendAction }
  | { kind: 'success' }
  | { kind: 'failure' };

/** A node of a tree, resolved: its type definition and parsed config. */
export interface ResolvedNode {
  id: string;
  displayName: string;
  definition: AnyNodeDefinition;
  config: unknown;
}

/** Resolves a node's definition and config; a broken tree is a TREE_INVALID error. */
export function resolveNode(journey: JourneyDefinition, nodeId: string, nodeType: string, displayName: string, nodes: NodeLookup): ResolvedNode {
  const definition = nodes.get(nodeType);
  if (definition === undefined) throw journeyError('TREE_INVALID', `node type ${nodeType} is not supported (node ${nodeId})`);
  const raw: NodeConfigObject = journey.nodes[nodeId] ?? { _id: nodeId, _type: { _id: nodeType } };
  const parsed = parseNodeConfig(definition, raw);
  if (!parsed.ok) throw journeyError('TREE_INVALID', `node ${nodeId} (${nodeType}) has invalid config: ${parsed.errors.join('; ')}`);
  return { id: nodeId, displayName, definition, config: parsed.config };
}

/** Calls a node's `process` with a context built from the journey record. */
export async function processNode(
  node: ResolvedNode,
  record: JourneyRecord,
  callbacks: SubmittedCallback[] | undefined,
  deps: RunnerDeps,
  identityResource: string,
  resumedFromSuspend = false,
): Promise<NodeAction> {
  const ctx: NodeContext<unknown> = {
    nodeId: node.id,
    displayName: node.displayName,
    config: node.config,
    state: { shared: record.shared, transient: record.transient },
    callbacks,
    services: deps.services,
    request: deps.request,
    identityResource,
    resumedFromSuspend,
  };
  return node.definition.process(ctx);
}

/** Follows `outcome` of a node; the outcome must be declared and wired. */
export function follow(journey: JourneyDefinition, node: ResolvedNode, outcome: string): string {
  if (!outcomesOf(node.definition, node.config).includes(outcome)) {
    throw journeyError('UNKNOWN_OUTCOME', `node ${node.id} (${node.definition.type}) returned undeclared outcome ${outcome}`);
  }
  // An outcome left unconnected (AM's samples have some) ends the journey as a failure.
  return journey.tree.nodes[node.id]?.connections[outcome] ?? FAILURE_NODE_ID;
}

/**
 * Runs the journey from its current position. `submitted` holds the values the client sent for
 * the pending step (by node id); they go only to the nodes that sent the callbacks.
 */
export async function runJourney(record: JourneyRecord, submitted: Map<string, SubmittedCallback[]> | undefined, deps: RunnerDeps): Promise<RunResult> {
  let answers = submitted;
  let resuming = deps.resumeNodeId !== undefined;
  let budget = deps.maxNodesPerRequest;
  const cache = new Map<string, JourneyDefinition>((deps.preloaded ?? []).map((journey) => [journey.tree._id, journey]));
  const load = async (name: string): Promise<JourneyDefinition> => {
    const known = cache.get(name) ?? (await deps.loadJourney(record.realm, name));
    if (known === undefined) throw journeyError('TREE_NOT_FOUND', `tree ${name} does not exist in realm ${deps.request.realm}`);
    cache.set(name, known);
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
      const evaluator = parentJourney.tree.nodes[parent.nodeId];
      if (evaluator === undefined) throw journeyError('TREE_INVALID', `node ${parent.nodeId} missing from ${parent.tree}`);
      const resolved = resolveNode(parentJourney, parent.nodeId, evaluator.nodeType, evaluator.displayName, deps.nodes);
      parent.nodeId = follow(parentJourney, resolved, succeeded ? 'true' : 'false');
      continue;
    }
    budget -= 1;
    if (budget < 0) throw journeyError('LOOP_GUARD', `more than ${deps.maxNodesPerRequest} nodes ran in one request`);
    try {
      const stop = await step(frame);
      if (stop !== undefined) return stop;
    } catch (error) {
      if (record.frames.length < 2 || !(await divertToErrorOutcome(error, record, load, deps.nodes))) throw error;
    }
  }

  /** Runs the frame's node; returns where the run stops, or undefined to go on. */
  async function step(frame: JourneyFrame): Promise<RunResult | undefined> {
    const journey = await load(frame.tree);
    const entry = journey.tree.nodes[frame.nodeId];
    if (entry === undefined) throw journeyError('TREE_INVALID', `node ${frame.nodeId} missing from tree ${frame.tree}`);
    const node = resolveNode(journey, frame.nodeId, entry.nodeType, entry.displayName, deps.nodes);
    const identityResource = treeIdentityResource(journey.tree) ?? record.identityResource;
    const mine = answers?.get(frame.nodeId);
    const action = await processNode(node, record, answers === undefined ? undefined : mine, deps, identityResource, resuming && deps.resumeNodeId === node.id);
    resuming = false;
    switch (action.kind) {
      case 'suspend':
        return { kind: 'suspend', nodeId: frame.nodeId, action };
      case 'goTo':
        if (action.errorMessage !== undefined) record.errorMessage = action.errorMessage;
        frame.nodeId = follow(journey, node, action.outcome);
        answers = undefined;
        break;
      case 'send':
        return { kind: 'step', pending: { nodeId: frame.nodeId, owners: [{ nodeId: frame.nodeId, callbacks: action.callbacks }], ...(action.page ? { page: action.page } : {}) } };
      case 'page': {
        const result = await runPage(action, journey, record, answers, deps, identityResource, frame.nodeId);
        answers = undefined;
        if (result.kind === 'step') return result;
        if (result.errorMessage !== undefined) record.errorMessage = result.errorMessage;
        frame.nodeId = follow(journey, { ...node, definition: { ...node.definition, outcomes: result.outcomes } }, result.outcome);
        break;
      }
      case 'innerTree': {
        const inner = await load(action.tree);
        record.frames.push({ tree: action.tree, nodeId: inner.tree.entryNodeId, outerTransient: structuredClone(record.transient) });
        answers = undefined;
        break;
      }
    }
    return undefined;
  }
}
