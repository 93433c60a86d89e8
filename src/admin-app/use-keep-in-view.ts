/**
 * Keeps the node chosen in the journey editor in view: opening its side panel narrows the graph, and
 * a node near the right edge (or one chosen from a list or by undo) would sit hidden behind the
 * panel. Once the panel is drawn, a node not wholly visible is brought to the centre at the same zoom.
 */
import { type Edge, type Node, type ReactFlowInstance, useStoreApi } from '@xyflow/react';
import { useEffect } from 'react';

/** Whether the box (in screen pixels of the pane) lies wholly within a pane of `width` × `height`. */
export function whollyVisible(box: { x: number; y: number; width: number; height: number }, width: number, height: number): boolean {
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height;
}

export function useKeepInView<N extends Node>(flow: ReactFlowInstance<N, Edge>, selectedId: string | undefined): void {
  const store = useStoreApi<N, Edge>();
  useEffect(() => {
    if (selectedId === undefined) return;
    // After the panel has been laid out and the pane measured again.
    const timer = window.setTimeout(() => {
      const node = flow.getInternalNode(selectedId);
      const { width, height } = store.getState();
      if (node === undefined || width === 0 || height === 0) return;
      const { x, y, zoom } = flow.getViewport();
      const size = { width: node.measured.width ?? 0, height: node.measured.height ?? 0 };
      const at = node.internals.positionAbsolute;
      const onScreen = { x: at.x * zoom + x, y: at.y * zoom + y, width: size.width * zoom, height: size.height * zoom };
      if (whollyVisible(onScreen, width, height)) return;
      void flow.setCenter(at.x + size.width / 2, at.y + size.height / 2, { zoom, duration: 200 });
    }, 80);
    return () => window.clearTimeout(timer);
  }, [flow, store, selectedId]);
}
