/**
 * The journey editor: a React Flow canvas of the journey's boxes (Start, Success, Failure and its
 * nodes, each node with one handle per outcome, drawn by `editor-box-view.ts`), the palette of node
 * types, and the side panel editing the selected node (`editor-side-panel.ts`). Adding a node
 * (click or drag from the palette) creates it from its type's template with a new UUID
 * (`editor-box-edits.ts`); dragging from an outcome's handle to a box links them (one box per
 * outcome); Delete/Backspace or the panel's button removes the selection
 * (`editor-graph-handlers.ts`). A Page node's children open in the side panel like any node (their
 * settings, display name and outcomes; the page takes its last child's outcomes). "Save"
 * (`editor-save.ts`) writes each node new or changed since it was read or saved, then the tree (as
 * Frodo does), then deletes the nodes removed; the server's problems are listed
 * (`editor-problems.ts`), the nodes they name highlighted (a page when they name one of its
 * children) and shown in the node's form. An existing journey (`existing`) keeps its other fields
 * and its positions' scale. Undo and Redo (buttons, Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z, Ctrl+Y) step
 * through every change of the graph and the forms (`editor-undo.ts`). While changes are not saved,
 * the toolbar says so (`editor-toolbar.ts`), the browser asks before the page is left
 * (`beforeunload`) and the app's own navigation asks too (`editor-unsaved-warning.ts`). This file
 * holds the editor's state and puts those parts together.
 */
import { Background, Controls, ReactFlow, ReactFlowProvider, useReactFlow } from '@xyflow/react';
import type { Edge } from '@xyflow/react';
import { createElement as h, useCallback, useRef, useState } from 'react';
import type { DragEvent, ReactElement } from 'react';
import type { NodeType } from './editor-client.ts';
import { useBoxEdits } from './editor-box-edits.ts';
import { editorNodeTypes } from './editor-box-view.ts';
import { useFirstFit } from './editor-first-fit.ts';
import { flowEdges } from './editor-flow-edges.ts';
import type { BoxNode } from './editor-flow-nodes.ts';
import { boxesOf, flowNode, highlightedNodes } from './editor-flow-nodes.ts';
import { useGraphHandlers } from './editor-graph-handlers.ts';
import type { SavedNode } from './editor-journey-model.ts';
import { journeyFingerprint } from './editor-journey-model.ts';
import type { EditorBox, EditorLink } from './editor-model.ts';
import { problemBoxes } from './editor-model.ts';
import { useNodeTypes } from './editor-node-types.ts';
import { useOutcomeAsks } from './editor-outcome-asks.ts';
import { EditorProblems } from './editor-problems.ts';
import { JourneyRefusedError, saveEditedJourney } from './editor-save.ts';
import { EditorSidePanel } from './editor-side-panel.ts';
import type { EditorSaveState } from './editor-toolbar.ts';
import { EditorToolbar } from './editor-toolbar.ts';
import type { EditorSnapshot } from './editor-undo.ts';
import { useEditorUndo } from './editor-undo.ts';
import { useUnsavedWarning } from './editor-unsaved-warning.ts';
import './editor.css';
import { PaletteView } from './palette-view.ts';
import { useKeepInView } from './use-keep-in-view.ts';

/** An existing journey's state as read: its nodes as stored, and the tree's other fields. */
export interface ExistingJourney {
  saved: Map<string, SavedNode>;
  base: Record<string, unknown>;
}

type EditorProps = { realm: string; name: string; initial: { boxes: EditorBox[]; links: EditorLink[] }; existing?: ExistingJourney; notice: string; onError: (error: unknown) => void };

/** The editor of journey `name` of `realm`, starting from `initial` boxes and links. */
export function EditorView(props: EditorProps): ReactElement {
  return h(ReactFlowProvider, null, h(EditorCanvas, props));
}

function EditorCanvas(props: EditorProps): ReactElement {
  const { realm, name, onError } = props;
  const flow = useReactFlow<BoxNode, Edge>();
  const [nodes, setNodes] = useState<BoxNode[]>(() => props.initial.boxes.map((box) => flowNode(box, realm)));
  const [links, setLinks] = useState<EditorLink[]>(props.initial.links);
  // The nodes as the server has them: read, or written by a save (even one whose tree was then refused).
  const saved = useRef<Map<string, SavedNode>>(new Map(props.existing?.saved ?? []));
  const base = props.existing?.base;
  const current = useRef<EditorSnapshot>({ boxes: props.initial.boxes, links: props.initial.links });
  current.current = { boxes: boxesOf(nodes), links };
  const [selectedEdges, setSelectedEdges] = useState<Set<string>>(new Set());
  const [selectedId, setSelectedId] = useState<string | undefined>(undefined);
  // A child of the selected page whose own form the panel shows.
  const [selectedChild, setSelectedChild] = useState<string | undefined>(undefined);
  const types = useNodeTypes(realm, onError);
  const [save, setSave] = useState<EditorSaveState>({ kind: 'idle' });
  const [highlighted, setHighlighted] = useState<Set<string>>(new Set());
  // The problems of the last refused save, shown in the forms of the nodes they name.
  const [problems, setProblems] = useState<string[]>([]);
  // What the journey was when read or last saved; whatever differs is not saved.
  const savedPrint = useRef<string | null>(null);
  savedPrint.current ??= journeyFingerprint(props.initial.boxes, props.initial.links);
  const dirty = journeyFingerprint(current.current.boxes, links) !== savedPrint.current;
  const { errors: outcomeErrors, first: firstOutcomes, again: outcomesAgain, forget: forgetOutcomes } = useOutcomeAsks(realm);
  useKeepInView(flow, selectedId);
  useFirstFit(flow);
  useUnsavedWarning(dirty);

  const select = useCallback((id: string | undefined) => {
    setSelectedId(id);
    setSelectedChild(undefined);
  }, []);

  /** The journey changed since the last save's answer: that answer is no longer shown. */
  const edited = useCallback(() => setSave({ kind: 'idle' }), []);

  /** Draws a state an undo or redo returns to. */
  const apply = useCallback(
    (state: EditorSnapshot) => {
      // Outcomes still being asked for belong to the state left behind.
      forgetOutcomes();
      setNodes(state.boxes.map((box) => flowNode(box, realm)));
      setLinks(state.links);
      setSelectedEdges(new Set());
      setSave({ kind: 'idle' });
    },
    [realm, forgetOutcomes],
  );
  const { record, restore, canUndo, canRedo, restored } = useEditorUndo(current, apply);
  const { addNode, changeConfig, changeChildren, changeChildConfig } = useBoxEdits({ realm, onError, flow, current, setNodes, setLinks, edited, record, select, firstOutcomes, outcomesAgain });
  const { removeNode, onNodesChange, onEdgesChange, onConnect, onDrop } = useGraphHandlers({ flow, types, record, setNodes, setLinks, setSelectedEdges, setSelectedId, edited, addNode });

  async function saveJourney(): Promise<void> {
    const boxes = boxesOf(nodes);
    setSave({ kind: 'saving' });
    setHighlighted(new Set());
    setProblems([]);
    try {
      const done = await saveEditedJourney({ realm, name, boxes, links, ...(base === undefined ? {} : { base }), saved: saved.current });
      saved.current = done.saved;
      savedPrint.current = journeyFingerprint(boxes, links);
      setSave({ kind: 'saved', warnings: done.warnings });
    } catch (error) {
      if (!(error instanceof JourneyRefusedError)) {
        setSave({ kind: 'idle' });
        onError(error);
        return;
      }
      setSave({ kind: 'refused', problems: error.problems });
      setProblems(error.problems);
      setHighlighted(problemBoxes(error.problems, boxes));
    }
  }

  const selected = nodes.find((node) => node.id === selectedId && node.data.box.kind === 'node')?.data.box;
  const child = selected?.children?.find((each) => each.id === selectedChild);

  return h(
    'div',
    { className: 'editor' },
    h(EditorToolbar, { realm, name, save, dirty, notice: props.notice, canUndo, canRedo, onSave: () => void saveJourney(), onRestore: restore }),
    h(EditorProblems, { save }),
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
            nodes: highlightedNodes(nodes, highlighted, problems),
            edges: flowEdges(links, nodes, selectedEdges),
            nodeTypes: editorNodeTypes,
            onNodesChange,
            onEdgesChange,
            onConnect,
            onNodeClick: (_event: unknown, node: BoxNode) => select(node.id),
            onNodeDragStart: () => record(),
            onPaneClick: () => select(undefined),
            deleteKeyCode: ['Delete', 'Backspace'],
            fitView: true,
            fitViewOptions: { maxZoom: 1 },
            minZoom: 0.2,
          },
          h(Background, null),
          h(Controls, { fitViewOptions: { maxZoom: 1 } }),
        ),
      ),
      selected === undefined
        ? null
        : h(EditorSidePanel, {
            realm,
            revision: restored,
            types: types ?? [],
            selected,
            child,
            outcomeErrors,
            problems,
            changeConfig,
            changeChildConfig,
            changeChildren,
            removeNode,
            openChild: setSelectedChild,
            onClose: () => select(undefined),
            onError,
          }),
    ),
  );
}
