/**
 * Editing the journey editor's nodes: adding one of a type (by a click, or dropped at a point)
 * from its template with a new UUID, a node's new display name and settings (its outcomes asked
 * again, the links of those it no longer has dropped), and a page's children (added from their
 * template, removed, moved, each configured in its own form; the page takes its last child's
 * outcomes). Each change is recorded for undo first.
 */
import type { Edge, ReactFlowInstance } from '@xyflow/react';
import { useCallback } from 'react';
import type { Dispatch, RefObject, SetStateAction } from 'react';
import type { NodeType } from './editor-client.ts';
import { nodeTemplate } from './editor-client.ts';
import type { BoxNode } from './editor-flow-nodes.ts';
import { flowNode } from './editor-flow-nodes.ts';
import type { EditorBox, EditorLink } from './editor-model.ts';
import { keepOutcomes, movedChild, newNodeId, withChild, withChildren } from './editor-model.ts';
import type { OutcomeAsks } from './editor-outcome-asks.ts';
import type { EditorSnapshot, EditorUndo } from './editor-undo.ts';
import type { ChildChange } from './page-children-view.ts';

/** What the edits change, and with what. */
export interface BoxEditsOptions {
  realm: string;
  onError: (error: unknown) => void;
  flow: ReactFlowInstance<BoxNode, Edge>;
  /** The editor's state now. */
  current: RefObject<EditorSnapshot>;
  setNodes: Dispatch<SetStateAction<BoxNode[]>>;
  setLinks: Dispatch<SetStateAction<EditorLink[]>>;
  /** Tells that the journey changed since the last save's answer. */
  edited: () => void;
  record: EditorUndo['record'];
  /** Opens node `id`'s form. */
  select: (id: string | undefined) => void;
  firstOutcomes: OutcomeAsks['first'];
  outcomesAgain: OutcomeAsks['again'];
}

/** The edits of the editor's nodes. */
export interface BoxEdits {
  /** Adds a node of `type`, `at` a point of the canvas or right of the others; its form opens. */
  addNode(type: NodeType, at?: { x: number; y: number }): Promise<void>;
  /** Node `box`'s new display name and settings. */
  changeConfig(box: EditorBox, displayName: string, config: Record<string, unknown>): void;
  /** Adds, removes or moves a child of `page`. */
  changeChildren(page: EditorBox, change: ChildChange): Promise<void>;
  /** A child's new display name and settings; its outcomes asked again (the page's, when it is the last). */
  changeChildConfig(pageId: string, child: EditorBox, displayName: string, config: Record<string, unknown>): void;
}

/** The edits of the nodes of the editor that `options` describe. */
export function useBoxEdits(options: BoxEditsOptions): BoxEdits {
  const { realm, onError, flow, current, setNodes, setLinks, edited, record, select, firstOutcomes, outcomesAgain } = options;

  const updateBox = useCallback(
    (id: string, change: (box: EditorBox) => EditorBox) => {
      setNodes((current) => current.map((node) => (node.id === id ? { ...node, data: { ...node.data, box: change(node.data.box) } } : node)));
      edited();
    },
    [setNodes, edited],
  );

  const addNode = useCallback(
    async (type: NodeType, at?: { x: number; y: number }) => {
      try {
        const config = await nodeTemplate(realm, type.id);
        const id = newNodeId();
        // A template missing a required setting (an Inner Tree Evaluator's tree) has no outcomes yet.
        const outcomes = await firstOutcomes(id, type.id, config);
        record();
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
          return [...moved, { ...flowNode(box, realm), selected: true }];
        });
        // Once drawn (and the side panel opened), the whole journey in view.
        window.setTimeout(() => void flow.fitView({ maxZoom: 1 }), 50);
        select(id);
        edited();
      } catch (error) {
        onError(error);
      }
    },
    [realm, onError, flow, record, select, setNodes, edited, firstOutcomes],
  );

  const changeConfig = useCallback(
    (box: EditorBox, displayName: string, config: Record<string, unknown>) => {
      record(`form:${box.id}`);
      updateBox(box.id, (old) => ({ ...old, displayName, config }));
      if (config === box.config) return;
      outcomesAgain(box.id, box.nodeType, config, (outcomes) => {
        updateBox(box.id, (old) => ({ ...old, outcomes }));
        setLinks((current) => keepOutcomes(current, box.id, outcomes));
      });
    },
    [updateBox, record, setLinks, outcomesAgain],
  );

  /** Changes page `pageId` (its children) and drops the links of outcomes it no longer has. */
  const updatePage = useCallback(
    (pageId: string, change: (page: EditorBox) => EditorBox) => {
      const page = current.current.boxes.find((box) => box.id === pageId);
      if (page === undefined) return;
      updateBox(pageId, change);
      setLinks((links) => keepOutcomes(links, pageId, change(page).outcomes));
    },
    [current, updateBox, setLinks],
  );

  const changeChildren = useCallback(
    async (page: EditorBox, change: ChildChange) => {
      let child: EditorBox | undefined;
      if ('add' in change) {
        try {
          const config = await nodeTemplate(realm, change.add.id);
          const id = newNodeId();
          // A template missing a required setting (an Attribute Collector's attributes) has no outcomes yet: its form says why.
          const outcomes = await firstOutcomes(id, change.add.id, config);
          child = { id, kind: 'node', nodeType: change.add.id, displayName: change.add.name, config, outcomes, x: 0, y: 0 };
        } catch (error) {
          onError(error);
          return;
        }
      }
      const added = child;
      record();
      updatePage(page.id, (old) => {
        const children = old.children ?? [];
        if (added !== undefined) return withChildren(old, [...children, added]);
        if ('remove' in change) return withChildren(old, children.filter((each) => each.id !== change.remove));
        if ('move' in change) return withChildren(old, movedChild(children, change.move, change.by));
        return old;
      });
    },
    [realm, onError, updatePage, record, firstOutcomes],
  );

  const changeChildConfig = useCallback(
    (pageId: string, child: EditorBox, displayName: string, config: Record<string, unknown>) => {
      record(`form:${child.id}`);
      updatePage(pageId, (old) => withChild(old, child.id, (each) => ({ ...each, displayName, config })));
      if (config === child.config) return;
      outcomesAgain(child.id, child.nodeType, config, (outcomes) => updatePage(pageId, (old) => withChild(old, child.id, (each) => ({ ...each, outcomes }))));
    },
    [updatePage, record, outcomesAgain],
  );

  return { addNode, changeConfig, changeChildren, changeChildConfig };
}
