/**
 * Asking before the journey editor's unsaved changes are left: while there are any, the app's own
 * navigation asks (`editor-leave-guard.ts`, told here on every change and cleared once the editor
 * closes), and so does the browser on reload or close (`beforeunload`).
 */
import { useEffect } from 'react';
import { markUnsaved } from './editor-leave-guard.ts';

/** Asks before leaving while `dirty` (changes not saved). */
export function useUnsavedWarning(dirty: boolean): void {
  // The app's own navigation asks before leaving unsaved changes; so does the browser on reload or close.
  useEffect(() => markUnsaved(dirty));
  useEffect(() => () => markUnsaved(false), []);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent): void => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}
