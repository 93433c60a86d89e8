/**
 * One journey drawn with React Flow, read-only: its nodes at their saved positions (or laid out
 * left to right), the start, success and failure boxes, each node's box (`journey-box.ts`, as the
 * editor draws it) with one handle per outcome named beside it, and one arrow per outcome from its
 * handle (named for assistive technology: "Outcome … of … to …"; in a laid-out drawing, one that
 * skips columns runs level past them, `journey-edge.ts`). A Page node lists its children, read from
 * its config once the drawing is up (`readPageChildren`). Clicking a node opens its config in the
 * side panel; "Try it" runs the journey on the sign-in page. In edit mode (`editing`, the address
 * ending in `/edit`: "Edit" goes there, a reload stays there) it reads every node's config and opens
 * the journey in the editor (`editor-view.ts`, loaded on demand: "Loading the editor…" while its
 * chunk comes, `lazy-view.ts`); "Close the editor" draws it again as stored.
 * A journey that does not exist yet (a new one) opens in the editor directly.
 */
import { Background, Controls, MarkerType, ReactFlow, useNodesState } from '@xyflow/react';
import type { Edge, Node, NodeProps } from '@xyflow/react';
import { createElement as h, useEffect, useMemo, useState } from 'react';
import type { ComponentProps, ReactElement } from 'react';
import { AmRequestError, readJourney } from './am-client.ts';
import { readEditorJourney } from './editor-client.ts';
import type { EditorJourney } from './editor-journey-model.ts';
import { type PageChild, type PageChildren, readPageChildren } from './journey-page-children.ts';
import { START_OUTCOME, staticBoxes } from './editor-model.ts';
import type { EditorView as LoadedEditorView } from './editor-view.ts';
import { JourneyBox } from './journey-box.ts';
import { LevelEdge } from './journey-edge.ts';
import type { GraphNode, JourneyGraph } from './journey-graph-model.ts';
import { journeyGraph, START_NODE_ID } from './journey-graph-model.ts';
import { tryItHref } from './journey-list-view.ts';
import { lazyView } from './lazy-view.ts';
import type { PanelNode } from './node-panel.ts';
import { NodePanel } from './node-panel.ts';

// Its code (the editing of the drawing, the node forms, the script editor) comes only when a journey is edited.
const EditorView = lazyView<ComponentProps<typeof LoadedEditorView>>('editor', () => import('./editor-view.ts').then((module) => module.EditorView));

type BoxData = { box: GraphNode; realm: string; children: readonly PageChild[] };
type BoxNode = Node<BoxData, 'box'>;

/** A box of the drawing: no handle of it starts or ends a link. */
function ReadOnlyBox(props: NodeProps<BoxNode>): ReactElement {
  const { box, realm, children } = props.data;
  const outcomes = box.kind === 'start' ? [START_OUTCOME] : box.outcomes;
  return h(JourneyBox, { box: { kind: box.kind, displayName: box.label, nodeType: box.nodeType, outcomes, inner: '', children }, realm, connectable: false });
}

const nodeTypes = { box: ReadOnlyBox };
const edgeTypes = { level: LevelEdge };

const NO_CHILDREN: readonly PageChild[] = [];

function flowNode(box: GraphNode, realm: string, children: readonly PageChild[]): BoxNode {
  return { id: box.id, type: 'box', position: { x: box.x, y: box.y }, data: { box, realm, children }, className: `box box-${box.kind}`, draggable: false, connectable: false };
}

/**
 * The boxes of `graph` as React Flow nodes, kept from one drawing to the next: a box whose content
 * did not change stays the same object, and one whose Page children arrived keeps what React Flow
 * measured of it. (A new node object without its measures makes React Flow measure it again, and
 * its arrows vanish until it has: a flicker at every click.)
 */
function nextFlowNodes(current: readonly BoxNode[], graph: JourneyGraph | undefined, realm: string, pages: PageChildren): BoxNode[] {
  if (graph === undefined) return [];
  const before = new Map(current.map((node) => [node.id, node]));
  return graph.nodes.map((box) => {
    const children = pages.get(box.id) ?? NO_CHILDREN;
    const kept = before.get(box.id);
    if (kept === undefined || kept.data.box !== box || kept.data.realm !== realm) return flowNode(box, realm, children);
    return kept.data.children === children ? kept : { ...kept, data: { ...kept.data, children } };
  });
}

function flowEdges(graph: JourneyGraph): Edge[] {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  return graph.edges.map((edge) => {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    const outcome = edge.source === START_NODE_ID ? START_OUTCOME : edge.label;
    return {
      id: edge.id,
      // A laid-out drawing keeps room for arrows that skip columns to run level past them.
      ...(graph.laidOut ? { type: 'level' } : {}),
      source: edge.source,
      sourceHandle: outcome,
      target: edge.target,
      ariaLabel: edge.source === START_NODE_ID ? `Start to ${target?.label ?? edge.target}` : `Outcome ${outcome} of ${source?.label ?? edge.source} to ${target?.label ?? edge.target}`,
      markerEnd: { type: MarkerType.ArrowClosed },
      className: `edge-to-${target?.kind ?? 'node'}`,
    };
  });
}

/** What the journey view is given: `editing` opens the editor; `onEdit` and `onCloseEditor` change the address to and from it. */
export interface JourneyViewProps {
  realm: string;
  name: string;
  editing: boolean;
  onBack: () => void;
  onEdit: () => void;
  onCloseEditor: () => void;
  onError: (error: unknown) => void;
}

/** The drawing of journey `name` of `realm`, or its editor; `onBack` returns to the list. */
export function JourneyView(props: JourneyViewProps): ReactElement {
  const [graph, setGraph] = useState<JourneyGraph | undefined>(undefined);
  const [pages, setPages] = useState<PageChildren>(new Map());
  const [selected, setSelected] = useState<PanelNode | undefined>(undefined);
  const [isNew, setNew] = useState(false);
  const [loaded, setLoaded] = useState<EditorJourney | 'loading' | undefined>(undefined);
  const [nodes, setNodes, onNodesChange] = useNodesState<BoxNode>([]);
  const edges = useMemo(() => (graph === undefined ? [] : flowEdges(graph)), [graph]);

  useEffect(() => {
    setNodes((current) => nextFlowNodes(current, graph, props.realm, pages));
  }, [graph, props.realm, pages, setNodes]);

  useEffect(() => {
    let current = true;
    setGraph(undefined);
    setPages(new Map());
    setSelected(undefined);
    setNew(false);
    setLoaded(props.editing ? 'loading' : undefined);
    const refused = (error: unknown): void => {
      if (!current) return;
      setLoaded(undefined);
      if (error instanceof AmRequestError && error.status === 404) setNew(true);
      else props.onError(error);
    };
    if (props.editing) {
      readEditorJourney(props.realm, props.name).then((journey) => current && setLoaded(journey), refused);
    } else {
      readJourney(props.realm, props.name).then((tree) => {
        if (!current) return;
        let drawn: JourneyGraph;
        try {
          drawn = journeyGraph(tree);
        } catch (error) {
          props.onError(error);
          return;
        }
        setGraph(drawn);
        // The children are a detail of the drawing: a page whose config cannot be read is drawn without them.
        void readPageChildren(props.realm, drawn.nodes).then((found) => current && setPages(found));
      }, refused);
    }
    return () => {
      current = false;
    };
  }, [props.realm, props.name, props.onError, props.editing]);

  // What the address asks for is drawn at once, not a render later: leaving edit mode unmounts the editor with it.
  const editing = props.editing ? loaded : undefined;

  const onNodeClick = (_event: unknown, node: BoxNode): void => {
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
      isNew || props.editing ? null : h('a', { className: 'button', href: tryItHref(props.realm, props.name), target: '_blank', rel: 'noopener' }, 'Try it'),
      isNew ? null : props.editing ? h('button', { type: 'button', onClick: props.onCloseEditor }, 'Close the editor') : graph === undefined ? null : h('button', { type: 'button', className: 'primary', onClick: props.onEdit }, 'Edit'),
    ),
    editing === 'loading' ? h('p', { role: 'status' }, 'Reading the journey’s nodes…') : null,
    typeof editing === 'object'
      ? h(EditorView, { realm: props.realm, name: props.name, initial: { boxes: editing.boxes, links: editing.links }, existing: { saved: editing.saved, base: editing.base }, notice: '', onError: props.onError })
      : null,
    isNew ? h(EditorView, { realm: props.realm, name: props.name, initial: { boxes: staticBoxes(), links: [] }, notice: 'New journey: not saved yet.', onError: props.onError }) : null,
    isNew || props.editing ? null : h(
      'div',
      { className: 'journey-body' },
      h(
        'div',
        { className: 'graph' },
        graph === undefined
          ? h('p', null, 'Loading…')
          : h(
              ReactFlow<BoxNode, Edge>,
              {
                nodes,
                edges,
                onNodesChange,
                nodeTypes,
                edgeTypes,
                onNodeClick,
                nodesDraggable: false,
                nodesConnectable: false,
                edgesFocusable: false,
                fitView: true,
                fitViewOptions: { maxZoom: 1 },
                minZoom: 0.2,
              },
              h(Background, null),
              h(Controls, { showInteractive: false, fitViewOptions: { maxZoom: 1 } }),
            ),
      ),
      selected === undefined ? null : h(NodePanel, { realm: props.realm, node: selected, onClose: () => setSelected(undefined) }),
    ),
  );
}
