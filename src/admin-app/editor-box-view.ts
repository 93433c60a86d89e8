/**
 * One box on the journey editor's canvas: the shared drawing (`journey-box.ts`) with handles that
 * start and end links, the journey an Inner Tree Evaluator runs, and a page's children marked when
 * a refused save named them. React Flow measures a box's handles when its size changes; outcomes
 * renamed in place (typing a choice) are measured again here, so that they can be linked.
 */
import { useUpdateNodeInternals } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import { createElement as h, useEffect } from 'react';
import type { ReactElement } from 'react';
import type { BoxNode } from './editor-flow-nodes.ts';
import { innerJourney } from './editor-journey-model.ts';
import { JourneyBox } from './journey-box.ts';

/** The box of node `props`. */
export function EditorBoxView(props: NodeProps<BoxNode>): ReactElement {
  const { box, realm, childProblems } = props.data;
  // React Flow measures handles when a box changes size; outcomes renamed in place (typing a choice) must be measured again to be linked.
  const updateNodeInternals = useUpdateNodeInternals();
  const handles = box.outcomes.join('\n');
  useEffect(() => {
    if (handles !== '') updateNodeInternals(props.id);
  }, [handles, props.id, updateNodeInternals]);
  const children = (box.children ?? []).map((child) => ({ id: child.id, displayName: child.displayName, problem: childProblems.has(child.id) }));
  return h(JourneyBox, { box: { ...box, inner: innerJourney(box), children }, realm, connectable: true });
}

/** The canvas's node types (one object for the module's life, as React Flow asks). */
export const editorNodeTypes = { box: EditorBoxView };
