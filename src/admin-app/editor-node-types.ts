/**
 * The node types the journey editor offers (its palette, a page's children, the forms): read from
 * the realm once the editor opens, again if the realm changes. An answer that comes after the
 * editor closed (or the realm changed) is dropped; a failure goes to `onError`.
 */
import { useEffect, useState } from 'react';
import type { NodeType } from './editor-client.ts';
import { listNodeTypes } from './editor-client.ts';

/** The node types of `realm`; `undefined` until they are read. */
export function useNodeTypes(realm: string, onError: (error: unknown) => void): NodeType[] | undefined {
  const [types, setTypes] = useState<NodeType[] | undefined>(undefined);
  useEffect(() => {
    let current = true;
    listNodeTypes(realm).then(
      (answer) => current && setTypes(answer),
      (error: unknown) => current && onError(error),
    );
    return () => {
      current = false;
    };
  }, [realm, onError]);
  return types;
}
