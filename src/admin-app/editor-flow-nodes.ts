/**
 * The journey editor's boxes as React Flow nodes: `flowNode` makes one of a box (only a journey's
 * node can be deleted, Start, Success and Failure cannot), `boxesOf` reads the boxes back with the
 * positions they were dragged to, and `highlightedNodes` marks those a refused save's problems name
 * (and, in a page, the children they name). A node left unchanged keeps its identity, so React Flow
 * does not draw it again.
 */
import type { Node } from '@xyflow/react';
import type { EditorBox } from './editor-model.ts';
import { problemsNaming } from './editor-model.ts';

/** What a box's node carries: the box, whether a problem names it, the realm, and the children problems name. */
export type BoxData = { box: EditorBox; problem: boolean; realm: string; childProblems: ReadonlySet<string> };
/** A box as a React Flow node. */
export type BoxNode = Node<BoxData, 'box'>;

/** No child named by a problem (always this one set, so that an unchanged node stays as it is). */
export const NO_PROBLEM: ReadonlySet<string> = new Set();

/** The node of `box` in `realm`, not highlighted. */
export function flowNode(box: EditorBox, realm: string): BoxNode {
  return { id: box.id, type: 'box', position: { x: box.x, y: box.y }, data: { box, problem: false, realm, childProblems: NO_PROBLEM }, className: `box box-${box.kind}`, deletable: box.kind === 'node', selectable: true };
}

/** The boxes of `nodes`, at the positions the nodes are drawn at. */
export function boxesOf(nodes: BoxNode[]): EditorBox[] {
  return nodes.map((node) => ({ ...node.data.box, x: node.position.x, y: node.position.y }));
}

/** The children of `page` that `problems` name. */
export function childProblems(page: EditorBox | undefined, problems: string[]): ReadonlySet<string> {
  const named = (page?.children ?? []).filter((each) => problemsNaming(problems, each.id).length > 0);
  return named.length === 0 ? NO_PROBLEM : new Set(named.map((each) => each.id));
}

/** `nodes` as drawn: those `highlighted` marked as problems, with their children that `problems` name. */
export function highlightedNodes(nodes: BoxNode[], highlighted: ReadonlySet<string>, problems: string[]): BoxNode[] {
  return nodes.map((node) => {
    const problem = highlighted.has(node.id);
    const named = problem ? childProblems(node.data.box, problems) : NO_PROBLEM;
    return problem === node.data.problem && named === node.data.childProblems ? node : { ...node, data: { ...node.data, problem, childProblems: named }, className: `box box-${node.data.box.kind}${problem ? ' box-problem' : ''}` };
  });
}
