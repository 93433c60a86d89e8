/**
 * The journey editor's links as React Flow edges: one per outcome, leaving from the outcome's
 * handle, ending in an arrow, and styled by the kind of box it reaches (`edge-to-success`…). An
 * edge's id (`linkId`) is its source and outcome, as a box has one link per outcome.
 */
import { MarkerType } from '@xyflow/react';
import type { Edge } from '@xyflow/react';
import type { BoxNode } from './editor-flow-nodes.ts';
import type { EditorLink } from './editor-model.ts';

/** The id of the edge of `link`. */
export function linkId(link: EditorLink): string {
  return `${link.source}:${link.outcome}`;
}

/** The edges of `links` between `nodes`; those whose ids are in `selected` are selected. */
export function flowEdges(links: EditorLink[], nodes: BoxNode[], selected: ReadonlySet<string>): Edge[] {
  const kinds = new Map(nodes.map((node) => [node.id, node.data.box.kind]));
  return links.map((link) => ({
    id: linkId(link),
    source: link.source,
    sourceHandle: link.outcome,
    target: link.target,
    selected: selected.has(linkId(link)),
    markerEnd: { type: MarkerType.ArrowClosed },
    className: `edge-to-${kinds.get(link.target) ?? 'node'}`,
  }));
}
