/**
 * The journey editor's model, without React: the boxes of a journey being edited (its nodes with
 * their config and outcomes, and the start, success and failure boxes), the links between them
 * (one per outcome), and what saving sends: each node's body (`PUT …/nodes/<type>/<id>`) and the
 * tree's (`PUT …/trees/<name>`), as Frodo writes them. A Page Node's children: each configured
 * like any node, moved, and the page's outcomes those of its last child. Also which boxes (and
 * which children) a refused save's problems name, and new node ids (random UUIDs, as AM's editor
 * makes them).
 */
import { FAILURE_NODE_ID, START_NODE_ID, SUCCESS_NODE_ID } from './journey-graph-model.ts';

/** The outcome handle of the start box (its link is the journey's entry). */
export const START_OUTCOME = 'start';

/** A box of the editor: one of the journey's nodes, or a static one (`nodeType` empty). */
export interface EditorBox {
  id: string;
  kind: 'node' | 'start' | 'success' | 'failure';
  nodeType: string;
  displayName: string;
  config: Record<string, unknown>;
  outcomes: string[];
  x: number;
  y: number;
  /** A Page Node's children, in page order (their refs are its config's `nodes`). */
  children?: EditorBox[];
}

/** The node type holding other nodes on one page. */
export const PAGE_NODE_TYPE = 'PageNode';

/**
 * `page` with `children`: its config's `nodes` refs, and the outcomes of its last child. A last
 * child whose outcomes are not known yet (none: its settings do not fit its type yet, an Attribute
 * Collector collecting nothing) leaves the page's outcomes, and so their links, as they were.
 */
export function withChildren(page: EditorBox, children: EditorBox[]): EditorBox {
  const nodes = children.map((child) => ({ _id: child.id, nodeType: child.nodeType, displayName: child.displayName }));
  const last = children.at(-1);
  const outcomes = last === undefined ? ['outcome'] : last.outcomes.length > 0 ? last.outcomes : page.outcomes;
  return { ...page, children, config: { ...page.config, nodes }, outcomes };
}

/** `page` with child `id` changed by `change` (its settings, display name or outcomes); the other children as they are. */
export function withChild(page: EditorBox, id: string, change: (child: EditorBox) => EditorBox): EditorBox {
  const children = page.children ?? [];
  if (!children.some((child) => child.id === id)) return page;
  return withChildren(
    page,
    children.map((child) => (child.id === id ? change(child) : child)),
  );
}

/** `children` with child `id` moved `by` places (−1: up, 1: down), kept within the page. */
export function movedChild(children: EditorBox[], id: string, by: -1 | 1): EditorBox[] {
  const from = children.findIndex((child) => child.id === id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= children.length) return children;
  const moved = [...children];
  const [child] = moved.splice(from, 1);
  if (child !== undefined) moved.splice(to, 0, child);
  return moved;
}

/** A link: outcome `outcome` of `source` leads to `target`. */
export interface EditorLink {
  source: string;
  outcome: string;
  target: string;
}

/** The start, success and failure boxes of a new journey. */
export function staticBoxes(): EditorBox[] {
  const box = (id: string, kind: EditorBox['kind'], displayName: string, x: number, y: number): EditorBox => ({ id, kind, nodeType: '', displayName, config: {}, outcomes: kind === 'start' ? [START_OUTCOME] : [], x, y });
  return [box(START_NODE_ID, 'start', 'Start', 0, 80), box(SUCCESS_NODE_ID, 'success', 'Success', 900, 0), box(FAILURE_NODE_ID, 'failure', 'Failure', 900, 200)];
}

/** A random (version 4) UUID. */
export function newNodeId(random: Uint8Array = crypto.getRandomValues(new Uint8Array(16))): string {
  const bytes = Uint8Array.from(random.subarray(0, 16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `links` with `link` added: an outcome leads to one box, so the outcome's former link goes. */
export function linkWith(links: EditorLink[], link: EditorLink): EditorLink[] {
  return [...links.filter((other) => other.source !== link.source || other.outcome !== link.outcome), link];
}

/** `links` without those of outcomes `source` no longer has. */
export function keepOutcomes(links: EditorLink[], source: string, outcomes: string[]): EditorLink[] {
  return links.filter((link) => link.source !== source || outcomes.includes(link.outcome));
}

/** `links` without any from or to `id`. */
export function unlinkBox(links: EditorLink[], id: string): EditorLink[] {
  return links.filter((link) => link.source !== id && link.target !== id);
}

/** The body of `PUT …/nodes/<type>/<id>` for `box`. */
export function nodeBody(box: EditorBox): Record<string, unknown> {
  return { ...box.config, _id: box.id, _type: { _id: box.nodeType, name: box.displayName, collection: true } };
}

/** The body of `PUT …/trees/<name>`: entry, nodes with their connections and positions, static positions. */
export function treeBody(name: string, boxes: EditorBox[], links: EditorLink[]): Record<string, unknown> {
  const entry = links.find((link) => link.source === START_NODE_ID)?.target;
  const nodes: Record<string, unknown> = {};
  const staticNodes: Record<string, unknown> = {};
  for (const box of boxes) {
    const position = { x: Math.round(box.x), y: Math.round(box.y) };
    if (box.kind !== 'node') {
      staticNodes[box.id] = position;
      continue;
    }
    const connections: Record<string, string> = {};
    for (const link of links) if (link.source === box.id && box.outcomes.includes(link.outcome)) connections[link.outcome] = link.target;
    nodes[box.id] = { nodeType: box.nodeType, displayName: box.displayName, connections, ...position };
  }
  return { _id: name, entryNodeId: entry ?? '', nodes, staticNodes, description: '', enabled: true, uiConfig: {} };
}

/** The ids of the boxes that `problems` (a refused save's reasons) name: a page too when they name one of its children. */
export function problemBoxes(problems: string[], boxes: EditorBox[]): Set<string> {
  const named = (box: EditorBox): boolean => [box, ...(box.children ?? [])].some((node) => problems.some((problem) => problem.includes(node.id)));
  return new Set(boxes.filter((box) => box.kind === 'node' && named(box)).map((box) => box.id));
}

/** The problems of `problems` that name node `id`. */
export function problemsNaming(problems: string[], id: string): string[] {
  return problems.filter((problem) => problem.includes(id));
}

/**
 * The problems a refused save lists: the server's (`detail.problems`, else its message); when a
 * node's own `PUT` was refused (`writing`), each names that node, so that its box (or its page's)
 * and its form show them.
 */
export function refusalProblems(reasons: string[], message: string, writing?: Pick<EditorBox, 'id' | 'displayName'>): string[] {
  const listed = reasons.length > 0 ? reasons : [message];
  return writing === undefined ? listed : listed.map((reason) => (reason.includes(writing.id) ? reason : `${writing.displayName} (${writing.id}): ${reason}`));
}
