/**
 * The journey editor's toolbar: Save ("Saving…" while it runs), Undo and Redo (with their keys),
 * once saved "Saved" and a "Try it" link opening the journey's sign-in page, the editor's notice
 * (a new journey is not saved yet) until then, and "Changes to save" while there are any. Also
 * the states of a save it shows, which the problems list (`editor-problems.ts`) shows too.
 */
import { createElement as h } from 'react';
import type { ReactElement } from 'react';
import { tryItHref } from './journey-list-view.ts';

/** Where the last save stands: none since the last change, under way, done (with warnings), or refused (with the server's problems). */
export type EditorSaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; warnings: string[] } | { kind: 'refused'; problems: string[] };

/** What the toolbar shows and does. */
export interface EditorToolbarProps {
  realm: string;
  /** The journey's name. */
  name: string;
  save: EditorSaveState;
  /** Whether there are changes not saved. */
  dirty: boolean;
  /** Shown until the journey is saved; `''`: none. */
  notice: string;
  canUndo: boolean;
  canRedo: boolean;
  onSave: () => void;
  onRestore: (step: 'undo' | 'redo') => void;
}

/** The toolbar of the editor of journey `props.name`. */
export function EditorToolbar(props: EditorToolbarProps): ReactElement {
  const { save } = props;
  return h(
    'div',
    { className: 'toolbar editor-toolbar' },
    h('button', { type: 'button', className: 'primary', disabled: save.kind === 'saving', onClick: props.onSave }, save.kind === 'saving' ? 'Saving…' : 'Save'),
    h(
      'span',
      { className: 'history', role: 'group', 'aria-label': 'History' },
      h('button', { type: 'button', disabled: !props.canUndo, 'aria-keyshortcuts': 'Control+Z Meta+Z', title: 'Undo (Ctrl+Z)', onClick: () => props.onRestore('undo') }, 'Undo'),
      h('button', { type: 'button', disabled: !props.canRedo, 'aria-keyshortcuts': 'Control+Shift+Z Meta+Shift+Z Control+Y', title: 'Redo (Ctrl+Shift+Z)', onClick: () => props.onRestore('redo') }, 'Redo'),
    ),
    save.kind === 'saved' ? h('span', { className: 'saved', role: 'status' }, 'Saved') : null,
    save.kind === 'saved' ? h('a', { className: 'button', href: tryItHref(props.realm, props.name), target: '_blank', rel: 'noopener' }, 'Try it') : null,
    props.notice === '' || save.kind === 'saved' ? null : h('span', { className: 'notice' }, props.notice),
    props.dirty && save.kind !== 'saving' ? h('span', { className: 'unsaved', role: 'status' }, 'Changes to save') : null,
  );
}
