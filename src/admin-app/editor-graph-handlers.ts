/**
 * What the journey editor's canvas does with the graph's own gestures: dragging from an outcome's
 * handle to a box links them (one box per outcome, never a box to itself), Delete/Backspace
 * removes the selected nodes (Start, Success and Failure stay) and links, a node type dropped from
 * the palette is added where it lands. Each change is recorded for undo first.
 */
import { applyNodeChanges } from '@xyflow/react';
import type { Connection, Edge, EdgeChange, NodeChange, ReactFlowInstance } from '@xyflow/react';
import { useCallback } from 'react';
import type { Dispatch, DragEvent, SetStateAction } from 'react';
import type { NodeType } from './editor-client.ts';
import { linkId } from './editor-flow-edges.ts';
import type { BoxNode } from './editor-flow-nodes.ts';
import type { EditorLink } from './editor-model.ts';
import { linkWith, unlinkBox } from './editor-model.ts';
import type { EditorUndo } from './editor-undo.ts';
import { PALETTE_DRAG_TYPE } from './palette-view.ts';

/** What the handlers change, and with what. */
export interface GraphHandlersOptions {
  flow: ReactFlowInstance<BoxNode, Edge>;
  /** The node types offered (`undefined` until read). */
  types: NodeType[] | undefined;
  record: EditorUndo['record'];
  setNodes: Dispatch<SetStateAction<BoxNode[]>>;
  setLinks: Dispatch<SetStateAction<EditorLink[]>>;
  setSelectedEdges: Dispatch<SetStateAction<Set<string>>>;
  setSelectedId: Dispatch<SetStateAction<string | undefined>>;
  /** Tells that the journey changed since the last save's answer. */
  edited: () => void;
  /** Adds a node of `type` at a point of the canvas. */
  addNode: (type: NodeType, at?: { x: number; y: number }) => Promise<void>;
}

/** The canvas's handlers. */
export interface GraphHandlers {
  /** Removes node `id` and its links (its form closes). */
  removeNode(id: string): void;
  onNodesChange(changes: NodeChange<BoxNode>[]): void;
  onEdgesChange(changes: EdgeChange<Edge>[]): void;
  onConnect(connection: Connection): void;
  onDrop(event: DragEvent): void;
}

/** The handlers of the canvas of the editor that `options` describe. */
export function useGraphHandlers(options: GraphHandlersOptions): GraphHandlers {
  const { flow, types, record, setNodes, setLinks, setSelectedEdges, setSelectedId, edited, addNode } = options;

  const removeNode = useCallback(
    (id: string) => {
      record('delete');
      setNodes((current) => current.filter((node) => node.id !== id || node.data.box.kind !== 'node'));
      setLinks((current) => unlinkBox(current, id));
      setSelectedId((current) => (current === id ? undefined : current));
      edited();
    },
    [record, setNodes, setLinks, setSelectedId, edited],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<BoxNode>[]) => {
      for (const change of changes) if (change.type === 'remove') removeNode(change.id);
      setNodes((current) => applyNodeChanges(changes.filter((change) => change.type !== 'remove'), current));
    },
    [removeNode, setNodes],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<Edge>[]) => {
      for (const change of changes) {
        if (change.type === 'select')
          setSelectedEdges((current) => {
            const next = new Set(current);
            if (change.selected) next.add(change.id);
            else next.delete(change.id);
            return next;
          });
        if (change.type === 'remove') {
          record('delete');
          setLinks((current) => current.filter((link) => linkId(link) !== change.id));
          edited();
        }
      }
    },
    [record, setSelectedEdges, setLinks, edited],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      if (connection.source === connection.target) return;
      record();
      setLinks((current) => linkWith(current, { source: connection.source, outcome: connection.sourceHandle ?? 'outcome', target: connection.target }));
      edited();
    },
    [record, setLinks, edited],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      event.preventDefault();
      const id = event.dataTransfer.getData(PALETTE_DRAG_TYPE);
      const type = types?.find((candidate) => candidate.id === id);
      if (type !== undefined) void addNode(type, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [types, addNode, flow],
  );

  return { removeNode, onNodesChange, onEdgesChange, onConnect, onDrop };
}
