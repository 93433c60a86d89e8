/**
 * Undo and redo in the journey editor: each change of the graph or of a form is recorded before it
 * is made (`record`), and the Undo and Redo buttons and keys (Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z,
 * Ctrl+Y) restore the state before or after it. Keys pressed in the script editor's text area are
 * left to it: it keeps its own undo. The history itself, without React, is `editor-history.ts`.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { History } from './editor-history.ts';
import { emptyHistory, historyKey, recorded, redone, undone } from './editor-history.ts';
import type { EditorBox, EditorLink } from './editor-model.ts';

/** What undo and redo restore: the boxes (with their configs and positions) and the links. */
export type EditorSnapshot = { boxes: EditorBox[]; links: EditorLink[] };

/** The editor's undo and redo. */
export interface EditorUndo {
  /** Remembers the state before a change, for undo; `key` merges quick changes of one kind. */
  record(key?: string): void;
  /** Goes one step back or forth. */
  restore(step: 'undo' | 'redo'): void;
  canUndo: boolean;
  canRedo: boolean;
  /** How many undos and redos were made (a form shows its node's config again when it changes). */
  restored: number;
}

/** Undo and redo of the editor whose state now is `current`; `apply` draws a restored state. */
export function useEditorUndo(current: RefObject<EditorSnapshot>, apply: (state: EditorSnapshot) => void): EditorUndo {
  const history = useRef<History<EditorSnapshot>>(emptyHistory());
  // `restored` counts undos and redos (the form shows the config again); `setSteps` redraws the buttons.
  const [restored, setRestored] = useState(0);
  const [, setSteps] = useState(0);

  const record = useCallback(
    (key = '') => {
      history.current = recorded(history.current, current.current, key, Date.now());
      setSteps((count) => count + 1);
    },
    [current],
  );

  const restore = useCallback(
    (step: 'undo' | 'redo') => {
      const found = step === 'undo' ? undone(history.current, current.current) : redone(history.current, current.current);
      if (found === undefined) return;
      history.current = found.history;
      current.current = found.state;
      apply(found.state);
      setRestored((count) => count + 1);
    },
    [current, apply],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const step = historyKey(event);
      // The script editor's text area keeps its own undo.
      if (step === undefined || (event.target instanceof Element && event.target.closest('.code-editor') !== null)) return;
      event.preventDefault();
      restore(step);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [restore]);

  return { record, restore, canUndo: history.current.past.length > 0, canRedo: history.current.future.length > 0, restored };
}
