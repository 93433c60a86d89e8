/**
 * The journey editor's side panel: the form of the selected node (`node-form-view.ts`) or, when a
 * page's child was opened from it, the child's own form with a way back to the page. Each form
 * shows the problems of a refused save that name its node and why its outcomes cannot be
 * computed; a page's form marks the children problems name. A form is drawn anew for another node.
 */
import { createElement as h } from 'react';
import type { ReactElement } from 'react';
import type { NodeType } from './editor-client.ts';
import { childProblems, NO_PROBLEM } from './editor-flow-nodes.ts';
import type { EditorBox } from './editor-model.ts';
import { problemsNaming } from './editor-model.ts';
import { NodeFormPanel } from './node-form-view.ts';
import type { ChildChange } from './page-children-view.ts';

/** What the panel shows and does. */
export interface EditorSidePanelProps {
  realm: string;
  /** Bumped by each undo and redo: the form shows its node's config again. */
  revision: number;
  types: NodeType[];
  /** The node selected. */
  selected: EditorBox;
  /** The child of `selected` (a page) whose form is open instead, if any. */
  child: EditorBox | undefined;
  /** Why each node's outcomes cannot be computed, by id. */
  outcomeErrors: Record<string, string>;
  /** The problems of the last refused save. */
  problems: string[];
  changeConfig: (box: EditorBox, displayName: string, config: Record<string, unknown>) => void;
  changeChildConfig: (pageId: string, child: EditorBox, displayName: string, config: Record<string, unknown>) => void;
  changeChildren: (page: EditorBox, change: ChildChange) => Promise<void>;
  removeNode: (id: string) => void;
  /** Opens the form of the page's child `id`, or (`undefined`) the page's own again. */
  openChild: (id: string | undefined) => void;
  onClose: () => void;
  onError: (error: unknown) => void;
}

/** The form of `props.child`, or else of `props.selected`. */
export function EditorSidePanel(props: EditorSidePanelProps): ReactElement {
  const { selected, child, outcomeErrors, problems } = props;
  const shared = { realm: props.realm, revision: props.revision, types: props.types, onClose: props.onClose, onError: props.onError };
  if (child !== undefined)
    return h(NodeFormPanel, {
      ...shared,
      key: `${selected.id}/${child.id}`,
      box: child,
      outcomeError: outcomeErrors[child.id] ?? '',
      problems: problemsNaming(problems, child.id),
      childProblems: NO_PROBLEM,
      page: { displayName: selected.displayName, onBack: () => props.openChild(undefined) },
      onChange: (displayName: string, config: Record<string, unknown>) => props.changeChildConfig(selected.id, child, displayName, config),
      onDelete: () => {
        props.openChild(undefined);
        void props.changeChildren(selected, { remove: child.id });
      },
      onChildren: () => undefined,
      onOpenChild: () => undefined,
    });
  return h(NodeFormPanel, {
    ...shared,
    key: selected.id,
    box: selected,
    outcomeError: outcomeErrors[selected.id] ?? '',
    problems: problemsNaming(problems, selected.id),
    childProblems: childProblems(selected, problems),
    onChange: (displayName: string, config: Record<string, unknown>) => props.changeConfig(selected, displayName, config),
    onDelete: () => props.removeNode(selected.id),
    onChildren: (change: ChildChange) => void props.changeChildren(selected, change),
    onOpenChild: (id: string) => props.openChild(id),
  });
}
