/**
 * Turns a journey as AM's admin REST answers it (`GET …/authenticationtrees/trees/<name>`) into the
 * boxes and arrows the journey view draws: one box per node with its outcomes (one handle each),
 * the start, success and failure boxes, and one arrow per connected outcome, from that outcome's
 * handle. Positions come from the tree's own `x`/`y` (what AM's editor saved, spread
 * `SAVED_X_SPREAD` times wider, as AM's boxes sit closer than these are wide) when every node has
 * them and no two share one; otherwise the layered layout of `journey-layout.ts` places them, left
 * to right from the start. The answer is hostile input: only own properties are read, only strings
 * and finite numbers kept, and a tree of more than `MAX_GRAPH_NODES` nodes is refused.
 */
import type { BoxKind, LayoutBox } from './journey-layout.ts';
import { layeredLayout } from './journey-layout.ts';

/** AM's fixed ids of the success and failure nodes. */
export const SUCCESS_NODE_ID = '70e691a5-1e33-4ac3-a356-e7b6d60d92e0';
export const FAILURE_NODE_ID = 'e301438c-0bd0-429c-ab0c-66126501069a';
/** The start box's id (AM's `staticNodes.startNode`). */
export const START_NODE_ID = 'startNode';
/** The most nodes a drawn journey may have. */
export const MAX_GRAPH_NODES = 500;

/** How much wider than saved the drawing spreads a tree's saved positions (AM's boxes sit closer). */
export const SAVED_X_SPREAD = 1.5;

/** What a box is: one of the journey's nodes, or one of the three static ones. */
export type GraphNodeKind = BoxKind;

/** A box of the drawing. */
export interface GraphNode {
  id: string;
  kind: GraphNodeKind;
  /** The node's display name ("Start", "Success", "Failure" for static ones). */
  label: string;
  /** The node type (`PageNode`…); empty for static boxes. */
  nodeType: string;
  /** The node's outcomes, in the tree's order (connected ones; those leading to no known box too); none for static boxes. */
  outcomes: string[];
  x: number;
  y: number;
}

/** An arrow: from `source` by its outcome `label` (`''` for the start's) to `target`. */
export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  label: string;
}

/** The drawing of one journey; `laidOut` when its positions come from the layered layout, not the tree. */
export interface JourneyGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  laidOut: boolean;
}

/** Why a tree cannot be drawn (stable codes). */
export class JourneyGraphError extends Error {
  readonly code: 'NOT_A_TREE' | 'TOO_MANY_NODES';
  constructor(code: 'NOT_A_TREE' | 'TOO_MANY_NODES', message: string) {
    super(message);
    this.code = code;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

interface TreeNode {
  id: string;
  label: string;
  nodeType: string;
  connections: [outcome: string, target: string][];
  x: number | undefined;
  y: number | undefined;
}

function readNodes(tree: Record<string, unknown>): TreeNode[] {
  const nodes = own(tree, 'nodes');
  if (!isRecord(nodes)) return [];
  const ids = Object.keys(nodes);
  if (ids.length > MAX_GRAPH_NODES) throw new JourneyGraphError('TOO_MANY_NODES', `The journey has ${ids.length} nodes; at most ${MAX_GRAPH_NODES} are drawn`);
  return ids.flatMap((id) => {
    const node = nodes[id];
    if (!isRecord(node)) return [];
    const nodeType = own(node, 'nodeType');
    const displayName = own(node, 'displayName');
    const connections = own(node, 'connections');
    const type = typeof nodeType === 'string' ? nodeType : '';
    return [
      {
        id,
        nodeType: type,
        label: typeof displayName === 'string' && displayName !== '' ? displayName : type || id,
        connections: isRecord(connections)
          ? Object.keys(connections).flatMap((outcome): [string, string][] => {
              const target = connections[outcome];
              return typeof target === 'string' ? [[outcome, target]] : [];
            })
          : [],
        x: finite(own(node, 'x')),
        y: finite(own(node, 'y')),
      },
    ];
  });
}

/** The saved position of a static box, when the tree has one. */
function staticPosition(tree: Record<string, unknown>, id: string): { x: number; y: number } | undefined {
  const statics = own(tree, 'staticNodes');
  const entry = isRecord(statics) ? own(statics, id) : undefined;
  if (!isRecord(entry)) return undefined;
  const x = finite(own(entry, 'x'));
  const y = finite(own(entry, 'y'));
  return x === undefined || y === undefined ? undefined : { x, y };
}

/** The drawing of `tree` (a tree body as AM's admin REST answers it). */
export function journeyGraph(tree: unknown): JourneyGraph {
  if (!isRecord(tree)) throw new JourneyGraphError('NOT_A_TREE', 'The answer is not a journey');
  const nodes = readNodes(tree);
  const entryValue = own(tree, 'entryNodeId');
  const entry = typeof entryValue === 'string' ? entryValue : (nodes[0]?.id ?? SUCCESS_NODE_ID);
  // Saved positions are used when every node has one and no two share one (exports without a layout put all at 0,0).
  const spots = new Set(nodes.map((node) => `${node.x},${node.y}`));
  const saved = nodes.length > 0 && nodes.every((node) => node.x !== undefined && node.y !== undefined) && spots.size === nodes.length;
  const layered = layeredLayout([
    { id: START_NODE_ID, kind: 'start', label: 'Start', nodeType: '', targets: [entry] },
    ...nodes.map((node): LayoutBox => ({ id: node.id, kind: 'node', label: node.label, nodeType: node.nodeType, targets: node.connections.map(([, target]) => target) })),
    { id: SUCCESS_NODE_ID, kind: 'success', label: 'Success', nodeType: '', targets: [] },
    { id: FAILURE_NODE_ID, kind: 'failure', label: 'Failure', nodeType: '', targets: [] },
  ]);
  const place = (id: string, x: number | undefined, y: number | undefined): { x: number; y: number } => {
    if (saved) {
      const kept = x !== undefined && y !== undefined ? { x, y } : staticPosition(tree, id);
      if (kept !== undefined) return { x: kept.x * SAVED_X_SPREAD, y: kept.y };
    }
    return layered.get(id) ?? { x: 0, y: 0 };
  };
  const staticBox = (id: string, kind: GraphNodeKind, label: string): GraphNode => ({ id, kind, label, nodeType: '', outcomes: [], ...place(id, undefined, undefined) });
  const graphNodes: GraphNode[] = [
    staticBox(START_NODE_ID, 'start', 'Start'),
    ...nodes.map((node): GraphNode => ({ id: node.id, kind: 'node', label: node.label, nodeType: node.nodeType, outcomes: node.connections.map(([outcome]) => outcome), ...place(node.id, node.x, node.y) })),
    staticBox(SUCCESS_NODE_ID, 'success', 'Success'),
    staticBox(FAILURE_NODE_ID, 'failure', 'Failure'),
  ];
  const known = new Set(graphNodes.map((node) => node.id));
  const edges: GraphEdge[] = [{ id: `${START_NODE_ID}->${entry}`, source: START_NODE_ID, target: entry, label: '' }];
  for (const node of nodes) {
    for (const [outcome, target] of node.connections) {
      if (known.has(target)) edges.push({ id: `${node.id}:${outcome}`, source: node.id, target, label: outcome });
    }
  }
  return { nodes: graphNodes, edges, laidOut: !saved };
}
