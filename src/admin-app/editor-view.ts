/**
 * The journey editor: a React Flow canvas of the journey's boxes (Start, Success, Failure and its
 * nodes, each node with one handle per outcome), the palette of node types, and the side panel
 * editing the selected node. Adding a node (click or drag from the palette) creates it from its
 * type's template with a new UUID; dragging from an outcome's handle to a box links them (one box
 * per outcome); Delete/Backspace or the panel's button removes the selection. "Save" writes each
 * node, then the tree (as Frodo does); the server's problems are listed and the nodes they name
 * highlighted.
 */
import { applyNodeChanges, Background, Controls, Handle, MarkerType, Position, ReactFlow, ReactFlowProvider, useReactFlow } from '@xyflow/react';
import type { Connection, Edge, EdgeChange, Node, NodeChange, NodeProps } from '@xyflow/react';
import { createElement as h, useCallback, useEffect, useRef, useState } from 'react';
import type { DragEvent, ReactElement } from 'react';
import { AmRequestError } from './am-client.ts';
import type { NodeType } from './editor-client.ts';
import { listNodeTypes, nodeOutcomes, nodeTemplate, putNode, putTree } from './editor-client.ts';
import type { EditorBox, EditorLink } from './editor-model.ts';
import { keepOutcomes, linkWith, newNodeId, nodeBody, problemBoxes, treeBody, unlinkBox, withChildren } from './editor-model.ts';
import { tryItHref } from './journey-list-view.ts';
import { NodeFormPanel } from './node-form-view.ts';
import { PALETTE_DRAG_TYPE, PaletteView } from './palette-view.ts';

type BoxData = { box: EditorBox; problem: boolean };
type BoxNode = Node<BoxData, 'box'>;

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'refused'; message: string; problems: string[] };

function BoxView(props: NodeProps<BoxNode>): ReactElement {
  const { box } = props.data;
  return h(
    'div',
    { className: 'box-label' },
    box.kind === 'start' ? null : h(Handle, { type: 'target', position: Position.Left, 'aria-label': `Into ${box.displayName}` }),
    h('strong', null, box.displayName),
    box.kind === 'node' ? h('span', null, box.nodeType) : null,
    box.children === undefined || box.children.length === 0 ? null : h('ol', { className: 'children' }, ...box.children.map((child) => h('li', { key: child.id }, child.displayName))),
    box.outcomes.length === 0 || box.kind === 'start'
      ? null
      : h('ul', { className: 'outcomes' }, ...box.outcomes.map((outcome) => h('li', { key: outcome }, outcome, h(Handle, { type: 'source', position: Position.Right, id: outcome, 'aria-label': `Outcome ${outcome} of ${box.displayName}` })))),
    box.kind === 'start' ? h(Handle, { type: 'source', position: Position.Right, id: box.outcomes[0] ?? 'start', 'aria-label': 'Start' }) : null,
  );
}

const nodeTypes = { box: BoxView };

function flowNode(box: EditorBox): BoxNode {
  return { id: box.id, type: 'box', position: { x: box.x, y: box.y }, data: { box, problem: false }, className: `box box-${box.kind}`, deletable: box.kind === 'node', selectable: true };
}

function linkId(link: EditorLink): string {
  return `${link.source}:${link.outcome}`;
}

function boxesOf(nodes: BoxNode[]): EditorBox[] {
  return nodes.map((node) => ({ ...node.data.box, x: node.position.x, y: node.position.y }));
}

/** The editor of journey `name` of `realm`, starting from `initial` boxes and links. */
export function EditorView(props: { realm: string; name: string; initial: { boxes: EditorBox[]; links: EditorLink[] }; notice: string; onError: (error: unknown) => void }): ReactElement {
  return h(ReactFlowProvider, null, h(EditorCanvas, props));
}

function EditorCanvas(props: { realm: string; name: string; initial: { boxes: EditorBox[]; links: EditorLink[] }; notice: string; onError: (error: unknown) => void }): ReactElement {
  const { realm, name, onError } = props;
  const flow = useReactFlow<BoxNode, Edge>();
  const [nodes, setNodes] = useState<BoxNode[]>(() => props.initial.boxes.map(flowNode));
  const [links, setLinks] = useState<EditorLink[]>(props.initial.links);
  const [selectedEdges, setSelectedEdges] = useState<Set<string>>(new Set());
  const [selectedId, setSelectedId] = useState<string | undefined>(undefined);
  const [types, setTypes] = useState<NodeType[] | undefined>(undefined);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [highlighted, setHighlighted] = useState<Set<string>>(new Set());
  const [outcomeErrors, setOutcomeErrors] = useState<Record<string, string>>({});
  const outcomeAsks = useRef(new Map<string, number>());

  useEffect(() => {
    let current = true;
    listNodeTypes(realm).then(
      (answer) => current && setTypes(answer),
      (error: unknown) => current && onError(error),
    );
    return () => {
      current = false;
    };
  }, [realm, onError]);

  const updateBox = useCallback((id: string, change: (box: EditorBox) => EditorBox) => {
    setNodes((current) => current.map((node) => (node.id === id ? { ...node, data: { ...node.data, box: change(node.data.box) } } : node)));
    setSave({ kind: 'idle' });
  }, []);

  const addNode = useCallback(
    async (type: NodeType, at?: { x: number; y: number }) => {
      try {
        const config = await nodeTemplate(realm, type.id);
        const id = newNodeId();
        // A template missing a required setting (an Inner Tree Evaluator's tree) has no outcomes yet.
        const outcomes = await nodeOutcomes(realm, type.id, config).catch((error: unknown) => {
          setOutcomeErrors((current) => ({ ...current, [id]: error instanceof Error ? error.message : 'The outcomes cannot be computed' }));
          return [];
        });
        setNodes((current) => {
          const count = current.filter((node) => node.data.box.kind === 'node').length;
          const position = at ?? { x: 200 + count * 230, y: 60 + (count % 2) * 50 };
          const box: EditorBox = { id, kind: 'node', nodeType: type.id, displayName: type.name, config, outcomes, ...position };
          // Success and Failure stay right of the node added last, so that a journey grows left to right.
          const endX = position.x + 260;
          const moved = current.map((node) => {
            const kind = node.data.box.kind;
            const shifted = (kind === 'success' || kind === 'failure') && node.position.x < endX ? { ...node, position: { ...node.position, x: endX } } : node;
            return { ...shifted, selected: false };
          });
          return [...moved, { ...flowNode(box), selected: true }];
        });
        // Once drawn (and the side panel opened), the whole journey in view.
        window.setTimeout(() => void flow.fitView({ maxZoom: 1 }), 50);
        setSelectedId(id);
        setSave({ kind: 'idle' });
      } catch (error) {
        onError(error);
      }
    },
    [realm, onError, flow],
  );

  const changeConfig = useCallback(
    (box: EditorBox, displayName: string, config: Record<string, unknown>) => {
      updateBox(box.id, (old) => ({ ...old, displayName, config }));
      if (config === box.config) return;
      const ask = (outcomeAsks.current.get(box.id) ?? 0) + 1;
      outcomeAsks.current.set(box.id, ask);
      nodeOutcomes(realm, box.nodeType, config).then(
        (outcomes) => {
          if (outcomeAsks.current.get(box.id) !== ask) return;
          setOutcomeErrors((current) => ({ ...current, [box.id]: '' }));
          updateBox(box.id, (old) => ({ ...old, outcomes }));
          setLinks((current) => keepOutcomes(current, box.id, outcomes));
        },
        (error: unknown) => {
          if (outcomeAsks.current.get(box.id) !== ask) return;
          setOutcomeErrors((current) => ({ ...current, [box.id]: error instanceof Error ? error.message : 'The outcomes cannot be computed' }));
        },
      );
    },
    [realm, updateBox],
  );

  const changeChildren = useCallback(
    async (page: EditorBox, change: { add: NodeType } | { remove: string }) => {
      let children = (page.children ?? []).filter((child) => !('remove' in change) || child.id !== change.remove);
      if ('add' in change) {
        try {
          const config = await nodeTemplate(realm, change.add.id);
          const outcomes = await nodeOutcomes(realm, change.add.id, config).catch(() => []);
          children = [...children, { id: newNodeId(), kind: 'node', nodeType: change.add.id, displayName: change.add.name, config, outcomes, x: 0, y: 0 }];
        } catch (error) {
          onError(error);
          return;
        }
      }
      const next = withChildren(page, children);
      updateBox(page.id, (old) => ({ ...withChildren(old, children), displayName: old.displayName }));
      setLinks((current) => keepOutcomes(current, page.id, next.outcomes));
    },
    [realm, onError, updateBox],
  );

  const removeNode = useCallback((id: string) => {
    setNodes((current) => current.filter((node) => node.id !== id || node.data.box.kind !== 'node'));
    setLinks((current) => unlinkBox(current, id));
    setSelectedId((current) => (current === id ? undefined : current));
    setSave({ kind: 'idle' });
  }, []);

  const onNodesChange = useCallback(
    (changes: NodeChange<BoxNode>[]) => {
      for (const change of changes) if (change.type === 'remove') removeNode(change.id);
      setNodes((current) => applyNodeChanges(changes.filter((change) => change.type !== 'remove'), current));
    },
    [removeNode],
  );

  const onEdgesChange = useCallback((changes: EdgeChange<Edge>[]) => {
    for (const change of changes) {
      if (change.type === 'select')
        setSelectedEdges((current) => {
          const next = new Set(current);
          if (change.selected) next.add(change.id);
          else next.delete(change.id);
          return next;
        });
      if (change.type === 'remove') {
        setLinks((current) => current.filter((link) => linkId(link) !== change.id));
        setSave({ kind: 'idle' });
      }
    }
  }, []);

  const onConnect = useCallback((connection: Connection) => {
    if (connection.source === connection.target) return;
    setLinks((current) => linkWith(current, { source: connection.source, outcome: connection.sourceHandle ?? 'outcome', target: connection.target }));
    setSave({ kind: 'idle' });
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      event.preventDefault();
      const id = event.dataTransfer.getData(PALETTE_DRAG_TYPE);
      const type = types?.find((candidate) => candidate.id === id);
      if (type !== undefined) void addNode(type, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [types, addNode, flow],
  );

  async function saveJourney(): Promise<void> {
    const boxes = boxesOf(nodes);
    setSave({ kind: 'saving' });
    setHighlighted(new Set());
    let writing: EditorBox | undefined;
    try {
      for (const box of boxes) {
        if (box.kind !== 'node') continue;
        // A page's children are written before it.
        for (const node of [...(box.children ?? []), box]) {
          writing = node;
          await putNode(realm, node.nodeType, node.id, nodeBody(node));
        }
      }
      writing = undefined;
      await putTree(realm, name, treeBody(name, boxes, links));
      setSave({ kind: 'saved' });
    } catch (error) {
      if (!(error instanceof AmRequestError) || error.status === 401 || error.status === 403) {
        setSave({ kind: 'idle' });
        onError(error);
        return;
      }
      const problems = error.problems.length > 0 ? error.problems : [writing === undefined ? error.message : `${writing.displayName} (${writing.id}): ${error.message}`];
      setSave({ kind: 'refused', message: error.message, problems });
      setHighlighted(problemBoxes(problems, boxes));
    }
  }

  const selected = nodes.find((node) => node.id === selectedId && node.data.box.kind === 'node')?.data.box;
  const drawn = nodes.map((node) => {
    const problem = highlighted.has(node.id);
    return problem === node.data.problem ? node : { ...node, data: { ...node.data, problem }, className: `box box-${node.data.box.kind}${problem ? ' box-problem' : ''}` };
  });
  const kinds = new Map(nodes.map((node) => [node.id, node.data.box.kind]));
  const edges: Edge[] = links.map((link) => ({
    id: linkId(link),
    source: link.source,
    sourceHandle: link.outcome,
    target: link.target,
    selected: selectedEdges.has(linkId(link)),
    markerEnd: { type: MarkerType.ArrowClosed },
    className: `edge-to-${kinds.get(link.target) ?? 'node'}`,
  }));

  return h(
    'div',
    { className: 'editor' },
    h(
      'div',
      { className: 'toolbar editor-toolbar' },
      h('button', { type: 'button', className: 'primary', disabled: save.kind === 'saving', onClick: () => void saveJourney() }, save.kind === 'saving' ? 'Saving…' : 'Save'),
      save.kind === 'saved' ? h('span', { className: 'saved', role: 'status' }, 'Saved') : null,
      save.kind === 'saved' ? h('a', { className: 'button', href: tryItHref(realm, name), target: '_blank', rel: 'noopener' }, 'Try it') : null,
      props.notice === '' || save.kind === 'saved' ? null : h('span', { className: 'notice' }, props.notice),
    ),
    save.kind === 'refused'
      ? h('div', { className: 'error problems', role: 'alert' }, h('p', null, 'The journey was not saved:'), h('ul', null, ...save.problems.map((problem, index) => h('li', { key: index }, problem))))
      : null,
    h(
      'div',
      { className: 'journey-body' },
      h(PaletteView, { types, onAdd: (type: NodeType) => void addNode(type) }),
      h(
        'div',
        { className: 'graph', onDragOver: (event: DragEvent) => event.preventDefault(), onDrop },
        h(
          ReactFlow<BoxNode, Edge>,
          {
            nodes: drawn,
            edges,
            nodeTypes,
            onNodesChange,
            onEdgesChange,
            onConnect,
            onNodeClick: (_event: unknown, node: BoxNode) => setSelectedId(node.id),
            onPaneClick: () => setSelectedId(undefined),
            deleteKeyCode: ['Delete', 'Backspace'],
            fitView: true,
            fitViewOptions: { maxZoom: 1 },
            minZoom: 0.2,
          },
          h(Background, null),
          h(Controls, null),
        ),
      ),
      selected === undefined
        ? null
        : h(NodeFormPanel, {
            key: selected.id,
            realm,
            box: selected,
            outcomeError: outcomeErrors[selected.id] ?? '',
            onChange: (displayName: string, config: Record<string, unknown>) => changeConfig(selected, displayName, config),
            onDelete: () => removeNode(selected.id),
            types: types ?? [],
            onChildren: (change: { add: NodeType } | { remove: string }) => void changeChildren(selected, change),
            onClose: () => setSelectedId(undefined),
          }),
    ),
  );
}
