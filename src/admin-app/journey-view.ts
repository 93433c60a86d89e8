/**
 * One journey drawn with React Flow, read-only: its nodes at their saved positions (or laid out
 * left to right), the start, success and failure boxes, one arrow per outcome labelled with it.
 * Clicking a node opens its config in the side panel; "Try it" runs the journey on the sign-in page.
 * A journey that does not exist yet (a new one) opens in the editor instead (`editor-view.ts`).
 */
import { Background, Controls, MarkerType, Position, ReactFlow } from '@xyflow/react';
import type { Edge, Node } from '@xyflow/react';
import { createElement as h, useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { AmRequestError, readJourney } from './am-client.ts';
import { staticBoxes } from './editor-model.ts';
import { EditorView } from './editor-view.ts';
import type { GraphNode, JourneyGraph } from './journey-graph-model.ts';
import { journeyGraph } from './journey-graph-model.ts';
import { tryItHref } from './journey-list-view.ts';
import type { PanelNode } from './node-panel.ts';
import { NodePanel } from './node-panel.ts';

type BoxData = { label: ReactElement; box: GraphNode };

function flowNode(box: GraphNode): Node<BoxData> {
  const label = box.kind === 'node' ? h('div', { className: 'box-label' }, h('strong', null, box.label), h('span', null, box.nodeType)) : h('div', { className: 'box-label' }, h('strong', null, box.label));
  return {
    id: box.id,
    type: box.kind === 'start' ? 'input' : box.kind === 'node' ? 'default' : 'output',
    position: { x: box.x, y: box.y },
    data: { label, box },
    className: `box box-${box.kind}`,
    sourcePosition: Position.Right,
    targetPosition: Position.Left,
    draggable: false,
    connectable: false,
  };
}

function flowEdges(graph: JourneyGraph): Edge[] {
  return graph.edges.map((edge) => ({
    id: edge.id,
    source: edge.source,
    target: edge.target,
    label: edge.label === '' ? undefined : edge.label,
    markerEnd: { type: MarkerType.ArrowClosed },
    className: `edge-to-${graph.nodes.find((node) => node.id === edge.target)?.kind ?? 'node'}`,
  }));
}

/** The drawing of journey `name` of `realm`; `onBack` returns to the list. */
export function JourneyView(props: { realm: string; name: string; onBack: () => void; onError: (error: unknown) => void }): ReactElement {
  const [graph, setGraph] = useState<JourneyGraph | undefined>(undefined);
  const [selected, setSelected] = useState<PanelNode | undefined>(undefined);
  const [isNew, setNew] = useState(false);

  useEffect(() => {
    let current = true;
    setGraph(undefined);
    setSelected(undefined);
    setNew(false);
    readJourney(props.realm, props.name).then(
      (tree) => {
        if (!current) return;
        try {
          setGraph(journeyGraph(tree));
        } catch (error) {
          props.onError(error);
        }
      },
      (error: unknown) => {
        if (!current) return;
        if (error instanceof AmRequestError && error.status === 404) setNew(true);
        else props.onError(error);
      },
    );
    return () => {
      current = false;
    };
  }, [props.realm, props.name, props.onError]);

  const onNodeClick = (_event: unknown, node: Node<BoxData>): void => {
    const box = node.data.box;
    if (box.kind === 'node') setSelected({ id: box.id, label: box.label, nodeType: box.nodeType });
  };

  return h(
    'section',
    { className: 'journey', 'aria-labelledby': 'journey-title' },
    h(
      'div',
      { className: 'toolbar' },
      h('button', { type: 'button', className: 'link', onClick: props.onBack }, '← Journeys'),
      h('h1', { id: 'journey-title' }, props.name),
      isNew ? null : h('a', { className: 'button', href: tryItHref(props.realm, props.name), target: '_blank', rel: 'noopener' }, 'Try it'),
    ),
    isNew ? h(EditorView, { realm: props.realm, name: props.name, initial: { boxes: staticBoxes(), links: [] }, notice: 'New journey: not saved yet.', onError: props.onError }) : null,
    isNew ? null : h(
      'div',
      { className: 'journey-body' },
      h(
        'div',
        { className: 'graph' },
        graph === undefined
          ? h('p', null, 'Loading…')
          : h(
              ReactFlow<Node<BoxData>, Edge>,
              {
                nodes: graph.nodes.map(flowNode),
                edges: flowEdges(graph),
                onNodeClick,
                nodesDraggable: false,
                nodesConnectable: false,
                edgesFocusable: false,
                fitView: true,
                minZoom: 0.2,
              },
              h(Background, null),
              h(Controls, { showInteractive: false }),
            ),
      ),
      selected === undefined ? null : h(NodePanel, { realm: props.realm, node: selected, onClose: () => setSelected(undefined) }),
    ),
  );
}
