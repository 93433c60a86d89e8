/** Builders of small journeys for tests, over the fake node types. */
import type { JourneyDefinition, NodeConfigObject, TreeNodeEntry } from '../../engine/tree-model.ts';
import { FAILURE_NODE_ID, SUCCESS_NODE_ID } from '../../engine/tree-model.ts';

/** Success and failure targets, short. */
export const S = SUCCESS_NODE_ID;
/** The failure node id. */
export const F = FAILURE_NODE_ID;

/** A PageNode child. */
export interface ChildSpec {
  id: string;
  type: string;
  config?: Record<string, unknown>;
}

/** A node of the tree. */
export interface NodeSpec {
  type: string;
  connections: Record<string, string>;
  config?: Record<string, unknown>;
  /** PageNode children (their refs go into the page config). */
  children?: ChildSpec[];
}

function configObject(id: string, type: string, config: Record<string, unknown> = {}): NodeConfigObject {
  return { _id: id, ...config, _type: { _id: type, name: type, collection: true } };
}

/** A journey named `name` starting at `entry`. */
export function buildJourney(name: string, entry: string, specs: Record<string, NodeSpec>): JourneyDefinition {
  const entries: Record<string, TreeNodeEntry> = {};
  const nodes: Record<string, NodeConfigObject> = {};
  for (const [id, spec] of Object.entries(specs)) {
    entries[id] = { displayName: `${spec.type} ${id}`, nodeType: spec.type, x: 0, y: 0, connections: spec.connections };
    const children = spec.children ?? [];
    const config = spec.children === undefined ? spec.config : { ...spec.config, nodes: children.map((c) => ({ _id: c.id, nodeType: c.type, displayName: `${c.type} ${c.id}` })) };
    nodes[id] = configObject(id, spec.type, config);
    for (const child of children) nodes[child.id] = configObject(child.id, child.type, child.config);
  }
  return { tree: { _id: name, entryNodeId: entry, nodes: entries, staticNodes: { startNode: { x: 0, y: 0 } } }, nodes };
}

/** Page(username, password) → decision (true → inner tree or success, false → failure). */
export function loginJourney(name: string, options: { inner?: string } = {}): JourneyDefinition {
  const p = `${name}-page`;
  const d = `${name}-decision`;
  const i = `${name}-inner`;
  const specs: Record<string, NodeSpec> = {
    [p]: { type: 'PageNode', connections: { outcome: d }, config: { pageHeader: { en: 'Sign In' } }, children: [{ id: `${name}-user`, type: 'UsernameNode' }, { id: `${name}-password`, type: 'PasswordNode' }] },
    [d]: { type: 'DecisionNode', connections: { true: options.inner === undefined ? S : i, false: F } },
  };
  if (options.inner !== undefined) specs[i] = { type: 'InnerTreeEvaluatorNode', connections: { true: S, false: F }, config: { tree: options.inner } };
  return buildJourney(name, p, specs);
}
