/**
 * The arrow of a journey drawing laid out by `journey-layout.ts`: an arrow that skips columns runs
 * level from its outcome's handle past them (the layout keeps that line clear of boxes) and bends
 * to its target in the gap before the target's column; an arrow to the next column, or back, is
 * React Flow's usual curve.
 */
import { BaseEdge, getBezierPath } from '@xyflow/react';
import type { EdgeProps } from '@xyflow/react';
import { createElement as h } from 'react';
import type { ReactElement } from 'react';
import { levelPath } from './journey-layout.ts';

/** An arrow of a laid-out drawing (see the file's comment). */
export function LevelEdge(props: EdgeProps): ReactElement {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, style } = props;
  const path = levelPath(sourceX, sourceY, targetX, targetY) ?? getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition })[0];
  return h(BaseEdge, { id, path, ...(markerEnd === undefined ? {} : { markerEnd }), ...(style === undefined ? {} : { style }) });
}
