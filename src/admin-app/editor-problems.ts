/**
 * The journey editor's list of what the last save said: the server's warnings about a journey
 * saved, or, when it refused the journey, its problems ("The journey was not saved:"), which the
 * canvas also marks on the nodes they name. Nothing otherwise.
 */
import { createElement as h } from 'react';
import type { ReactElement } from 'react';
import type { EditorSaveState } from './editor-toolbar.ts';

/** The warnings or problems of `save`, or nothing. */
export function EditorProblems(props: { save: EditorSaveState }): ReactElement | null {
  const { save } = props;
  if (save.kind === 'saved' && save.warnings.length > 0) return h('div', { className: 'error problems', role: 'alert' }, h('ul', null, ...save.warnings.map((warning, index) => h('li', { key: index }, warning))));
  if (save.kind === 'refused') return h('div', { className: 'error problems', role: 'alert' }, h('p', null, 'The journey was not saved:'), h('ul', null, ...save.problems.map((problem, index) => h('li', { key: index }, problem))));
  return null;
}
