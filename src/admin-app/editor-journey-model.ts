/**
 * An existing journey in the editor, without React: the editor's boxes and links from the tree as
 * AM's admin REST answers it and each node's config (`GET …/nodes/<type>/<id>`), a Page Node's
 * children included; what saving it sends (the nodes changed since they were read, the tree with
 * its other fields kept, the nodes removed); whether it has unsaved changes; the inner journey an
 * Inner Tree Evaluator runs and the script a scripted node runs.
 * Positions are drawn as the read-only view draws them (`SAVED_X_SPREAD` times wider) and saved
 * back at AM's scale, so that opening and saving moves nothing. Answers are hostile input: only
 * own properties are read.
 */
import { isRecord, own } from './am-client.ts';
import type { EditorBox, EditorLink } from './editor-model.ts';
import { nodeBody, PAGE_NODE_TYPE, START_OUTCOME, treeBody } from './editor-model.ts';
import { journeyGraph, SAVED_X_SPREAD, START_NODE_ID } from './journey-graph-model.ts';
import { scriptContextOf } from './script-starter.ts';

/** The node type running another journey, named by its config's `tree`. */
export const INNER_TREE_TYPE = 'InnerTreeEvaluatorNode';

/** A node as last read or saved: its type and the body a `PUT` of it would send. */
export interface SavedNode {
  nodeType: string;
  body: string;
}

/** An existing journey, ready for the editor. */
export interface EditorJourney {
  boxes: EditorBox[];
  links: EditorLink[];
  /** The tree's fields the editor does not change (description, identityResource, …). */
  base: Record<string, unknown>;
  /** Every node of the journey (page children too) as read, by id. */
  saved: Map<string, SavedNode>;
}

/** What saving sends besides the tree: nodes to `PUT` (a page's children before it), then nodes to `DELETE`. */
export interface SavePlan {
  put: EditorBox[];
  remove: { id: string; nodeType: string }[];
}

/** A node's settings: its config without AM's `_` fields (`_id`, `_type`, `_outcomes`, `_rev`). */
export function settingsOf(answer: Record<string, unknown>): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const key of Object.keys(answer)) if (!key.startsWith('_')) settings[key] = answer[key];
  return settings;
}

/** The outcome ids a node's config lists (`_outcomes`). */
export function outcomesOf(answer: Record<string, unknown>): string[] | undefined {
  const outcomes = own(answer, '_outcomes');
  if (!Array.isArray(outcomes)) return undefined;
  return outcomes.flatMap((outcome) => (isRecord(outcome) && typeof own(outcome, 'id') === 'string' ? [String(own(outcome, 'id'))] : []));
}

/** The refs of a page's children (`nodes` of its config). */
export function childRefs(config: Record<string, unknown>): { id: string; nodeType: string; displayName: string }[] {
  const nodes = own(config, 'nodes');
  if (!Array.isArray(nodes)) return [];
  return nodes.flatMap((ref) => {
    if (!isRecord(ref)) return [];
    const id = own(ref, '_id');
    const nodeType = own(ref, 'nodeType');
    const displayName = own(ref, 'displayName');
    if (typeof id !== 'string' || typeof nodeType !== 'string') return [];
    return [{ id, nodeType, displayName: typeof displayName === 'string' && displayName !== '' ? displayName : nodeType }];
  });
}

/** The ids and types of the nodes of `tree` (a page's children are found in its config, once read). */
export function treeNodeRefs(tree: unknown): { id: string; nodeType: string }[] {
  return journeyGraph(tree)
    .nodes.filter((node) => node.kind === 'node')
    .map((node) => ({ id: node.id, nodeType: node.nodeType }));
}

/** Every node of `boxes` (page children too) as it would be saved now. */
export function savedNodes(boxes: EditorBox[]): Map<string, SavedNode> {
  const saved = new Map<string, SavedNode>();
  for (const box of boxes) {
    if (box.kind !== 'node') continue;
    for (const node of [box, ...(box.children ?? [])]) saved.set(node.id, { nodeType: node.nodeType, body: JSON.stringify(nodeBody(node)) });
  }
  return saved;
}

/** The editor's journey for `tree` and its nodes' configs (`configs`, by id, page children included). */
export function editorJourney(tree: unknown, configs: ReadonlyMap<string, Record<string, unknown>>): EditorJourney {
  const graph = journeyGraph(tree);
  const treeRecord = isRecord(tree) ? tree : {};
  const boxOf = (id: string, nodeType: string, displayName: string, x: number, y: number, fallbackOutcomes: string[]): EditorBox => {
    const answer = configs.get(id) ?? {};
    return { id, kind: 'node', nodeType, displayName, config: settingsOf(answer), outcomes: outcomesOf(answer) ?? fallbackOutcomes, x, y };
  };
  const boxes = graph.nodes.map((node): EditorBox => {
    if (node.kind !== 'node') return { id: node.id, kind: node.kind, nodeType: '', displayName: node.label, config: {}, outcomes: node.kind === 'start' ? [START_OUTCOME] : [], x: node.x, y: node.y };
    const connected = graph.edges.filter((edge) => edge.source === node.id).map((edge) => edge.label);
    const box = boxOf(node.id, node.nodeType, node.label, node.x, node.y, connected);
    if (node.nodeType !== PAGE_NODE_TYPE) return box;
    const children = childRefs(box.config).map((ref) => boxOf(ref.id, ref.nodeType, ref.displayName, 0, 0, []));
    return { ...box, children };
  });
  const links = graph.edges.map((edge): EditorLink => ({ source: edge.source, outcome: edge.source === START_NODE_ID ? START_OUTCOME : edge.label, target: edge.target }));
  const base: Record<string, unknown> = {};
  for (const key of Object.keys(treeRecord)) if (!['_id', '_rev', 'nodes', 'staticNodes', 'entryNodeId'].includes(key)) base[key] = treeRecord[key];
  return { boxes, links, base, saved: savedNodes(boxes) };
}

/** The nodes saving must write (new or changed since `saved`) and delete (in `saved`, no longer in `boxes`). */
export function savePlan(boxes: EditorBox[], saved: ReadonlyMap<string, SavedNode>): SavePlan {
  const now = savedNodes(boxes);
  const put: EditorBox[] = [];
  for (const box of boxes) {
    if (box.kind !== 'node') continue;
    for (const node of [...(box.children ?? []), box]) {
      const before = saved.get(node.id);
      if (before === undefined || before.nodeType !== node.nodeType || before.body !== now.get(node.id)?.body) put.push(node);
    }
  }
  const remove = [...saved].filter(([id]) => !now.has(id)).map(([id, node]) => ({ id, nodeType: node.nodeType }));
  return { put, remove };
}

/** The body of `PUT …/trees/<name>` for an existing journey: `base`'s fields kept, positions at AM's scale. */
export function existingTreeBody(name: string, boxes: EditorBox[], links: EditorLink[], base: Record<string, unknown>): Record<string, unknown> {
  const unspread = boxes.map((box) => ({ ...box, x: box.x / SAVED_X_SPREAD }));
  const body = treeBody(name, unspread, links);
  return { ...body, ...base, _id: name, entryNodeId: body.entryNodeId, nodes: body.nodes, staticNodes: body.staticNodes };
}

/** The journey an Inner Tree Evaluator runs (its config's `tree`), or `''`. */
export function innerJourney(box: Pick<EditorBox, 'nodeType' | 'config'>): string {
  const tree = own(box.config, 'tree');
  return box.nodeType === INNER_TREE_TYPE && typeof tree === 'string' ? tree : '';
}

/** The script a Scripted Decision or a Configuration Provider runs (its config's `script`), or `''`. */
export function scriptOf(box: Pick<EditorBox, 'nodeType' | 'config'>): string {
  const script = own(box.config, 'script');
  return scriptContextOf(box.nodeType) !== undefined && typeof script === 'string' ? script : '';
}

/**
 * What the editor compares to tell unsaved changes: the tree (links, positions, display names)
 * and every node's body, page children included.
 */
export function journeyFingerprint(boxes: EditorBox[], links: EditorLink[]): string {
  return JSON.stringify({ tree: treeBody('', boxes, links), nodes: [...savedNodes(boxes)] });
}
