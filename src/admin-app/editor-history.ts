/**
 * The journey editor's undo and redo, without React: the states before each change (`past`) and
 * those undone (`future`). Changes of one kind that follow each other quickly (typing into one
 * node's form, say) are one step: `recorded` keeps only the state before the first of them. At
 * most `MAX_HISTORY` steps are kept.
 */

/** The most undo steps kept. */
export const MAX_HISTORY = 100;
/** Changes with the same key closer than this (milliseconds) are one step. */
export const COALESCE_MS = 1000;

/** The history of states `T`. */
export interface History<T> {
  past: T[];
  future: T[];
  /** The key and time of the last recorded change. */
  lastKey: string;
  lastAt: number;
}

/** A history with nothing to undo or redo. */
export function emptyHistory<T>(): History<T> {
  return { past: [], future: [], lastKey: '', lastAt: Number.NEGATIVE_INFINITY };
}

/**
 * `history` once a change is made from state `before`; `key` names the kind of change (`''`: never
 * merged), `at` is when (milliseconds). Anything undone can no longer be redone.
 */
export function recorded<T>(history: History<T>, before: T, key = '', at = 0): History<T> {
  const merged = key !== '' && key === history.lastKey && at - history.lastAt < COALESCE_MS && history.past.length > 0;
  const past = merged ? history.past : [...history.past, before].slice(-MAX_HISTORY);
  return { past, future: [], lastKey: key, lastAt: at };
}

/** The state an undo returns to from `current`, and the history after it; `undefined` when there is nothing to undo. */
export function undone<T>(history: History<T>, current: T): { history: History<T>; state: T } | undefined {
  const state = history.past.at(-1);
  if (state === undefined) return undefined;
  return { state, history: { past: history.past.slice(0, -1), future: [...history.future, current], lastKey: '', lastAt: Number.NEGATIVE_INFINITY } };
}

/** The state a redo returns to from `current`, and the history after it; `undefined` when there is nothing to redo. */
export function redone<T>(history: History<T>, current: T): { history: History<T>; state: T } | undefined {
  const state = history.future.at(-1);
  if (state === undefined) return undefined;
  return { state, history: { past: [...history.past, current].slice(-MAX_HISTORY), future: history.future.slice(0, -1), lastKey: '', lastAt: Number.NEGATIVE_INFINITY } };
}

/** What a key press asks of the history: Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z and Ctrl/Cmd+Y redo. */
export function historyKey(event: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }): 'undo' | 'redo' | undefined {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return undefined;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !event.shiftKey) return 'redo';
  return undefined;
}
