/**
 * Brings the whole journey into view once the editor's canvas has measured every box. React
 * Flow's own first fit can come before every box is measured (the journey then sits off to one
 * side); this one waits for them all, and runs once.
 */
import { type Edge, type Node, type ReactFlowInstance, useNodesInitialized } from '@xyflow/react';
import { useEffect, useRef } from 'react';

/** Fits `flow`'s view to the journey (never zooming in past 100 %) once its boxes are all measured. */
export function useFirstFit<N extends Node>(flow: ReactFlowInstance<N, Edge>): void {
  const initialized = useNodesInitialized();
  const fitted = useRef(false);
  useEffect(() => {
    if (!initialized || fitted.current) return;
    fitted.current = true;
    void flow.fitView({ maxZoom: 1 });
  }, [initialized, flow]);
}
