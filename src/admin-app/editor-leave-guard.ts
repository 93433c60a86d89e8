/**
 * Leaving the journey editor with unsaved changes: the editor says whether some are left
 * (`markUnsaved`), and the app's own navigation (the shell's links, realm switch and section
 * moves) asks `mayLeave` first, which asks the administrator. Once they agree, leaving is granted
 * until the editor marks its state again. A reload or a closed tab is the browser's
 * `beforeunload` question instead (the editor's). Without React.
 */

/** The question asked before unsaved changes are left behind. */
export const LEAVE_QUESTION = 'The journey has changes that are not saved. Leave the editor and lose them?';

let unsaved = false;

/** Tells whether the open editor has changes not saved. */
export function markUnsaved(value: boolean): void {
  unsaved = value;
}

/** Whether the open editor has changes not saved. */
export function hasUnsaved(): boolean {
  return unsaved;
}

/** Whether the app may leave the editor: nothing unsaved, or `ask` (the administrator) agrees. */
export function mayLeave(ask: (question: string) => boolean): boolean {
  if (!unsaved) return true;
  if (!ask(LEAVE_QUESTION)) return false;
  unsaved = false;
  return true;
}
