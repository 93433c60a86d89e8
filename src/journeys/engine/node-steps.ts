/**
 * Resolving and running one node of a tree, shared by the runner, the page runner and the inner
 * tree error handling: the node's definition and parsed config, its context, its outcome's
 * connection. Kept apart from `runner.ts` so that the modules that use it do not import each other.
 */
import type { AnyNodeDefinition } from './define-node.ts';
import { outcomesOf } from './define-node.ts';
import type { SubmittedCallback } from './callbacks.ts';
import { journeyError } from './errors.ts';
import type { JourneyRecord } from './journey-state.ts';
import type { LoadedJourney } from './loaded-journey.ts';
import type { NodeContext, NodeServices, RequestFacts } from './node-context.ts';
import { parseNodeConfig } from './parse-node-config.ts';
import type { JourneyDefinition, NodeConfigObject } from './tree-model.ts';
import { FAILURE_NODE_ID } from './tree-model.ts';
import type { NodeAction } from './actions.ts';
import type { ResponseCookie } from './response-cookie.ts';
import { sessionOutputsOf } from './session-outputs.ts';

/** Looks node types up by ForgeRock type id. */
export interface NodeLookup {
  get(type: string): AnyNodeDefinition | undefined;
}

/** What the runner needs besides the journey record. */
export interface RunnerDeps {
  nodes: NodeLookup;
  /** A tree of the realm: at `revision` when the journey already runs one, else its current version. */
  loadJourney(realm: string, name: string, revision: number | undefined): Promise<LoadedJourney | undefined>;
  services: NodeServices;
  request: RequestFacts;
  maxNodesPerRequest: number;
  /** The node the journey was suspended at, when this request resumes it through its link. */
  resumeNodeId?: string;
  /** Journeys the caller has already loaded for this request (not read again). */
  preloaded?: LoadedJourney[];
  /** Collects the cookies nodes set for this request's answer; absent, they are dropped. */
  cookies?: ResponseCookie[];
}

/** A node of a tree, resolved: its type definition and parsed config. */
export interface ResolvedNode {
  id: string;
  displayName: string;
  definition: AnyNodeDefinition;
  config: unknown;
}

/** Resolves a node's definition and config; a broken tree is a TREE_INVALID error. The runner resolves through `LoadedJourney.node`, once per revision. */
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
    session: sessionOutputsOf(record, deps.cookies ?? [], { id: node.id, type: node.definition.type }),
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
