/**
 * One box of a journey drawing, shared by the read-only view (`journey-view.ts`) and the editor
 * (`editor-view.ts`): the node's name and type, the journey an Inner Tree Evaluator runs, a Page
 * node's children (in the editor, those a refused save named are marked), and one source handle
 * per outcome with the outcome's name beside it, so that each outcome's link leaves the box from
 * its own point. Start has one source handle, Success and
 * Failure only a target. The read-only drawing's handles cannot start or end a link.
 */
import { Handle, Position } from '@xyflow/react';
import { createElement as h } from 'react';
import type { ReactElement } from 'react';
import { hashOf } from './admin-section.ts';

/** What a box shows. */
export interface JourneyBoxContent {
  kind: 'node' | 'start' | 'success' | 'failure';
  displayName: string;
  /** The node type (`PageNode`…); empty for the static boxes. */
  nodeType: string;
  /** The outcomes, one handle each (their ids are the handles' ids); the start box's first is its handle's id. */
  outcomes: readonly string[];
  /** The journey an Inner Tree Evaluator runs, `''` when none is known. */
  inner: string;
  /** A Page node's child nodes, in page order; `problem`: a refused save named it (the editor). */
  children: readonly { id: string; displayName: string; problem?: boolean }[];
}

/** The handle id of the start box when it names none. */
const START_HANDLE = 'start';

/** The box for `box` of a journey of `realm`; `connectable` lets its handles start and end links (the editor). */
export function JourneyBox(props: { box: JourneyBoxContent; realm: string; connectable: boolean }): ReactElement {
  const { box, realm, connectable } = props;
  return h(
    'div',
    { className: 'box-label' },
    box.kind === 'start' ? null : h(Handle, { type: 'target', position: Position.Left, isConnectable: connectable, 'aria-label': `Into ${box.displayName}` }),
    h('strong', null, box.displayName),
    box.kind === 'node' ? h('span', null, box.nodeType) : null,
    box.inner === '' ? null : h('a', { className: 'inner-journey nodrag nopan', href: hashOf({ realm, section: 'journeys', path: [box.inner] }), title: `Open the journey ${box.inner}` }, `↳ ${box.inner}`),
    box.children.length === 0 ? null : h('ol', { className: 'children' }, ...box.children.map((child) => h('li', { key: child.id, className: child.problem === true ? 'child-problem' : undefined }, child.displayName))),
    box.outcomes.length === 0 || box.kind === 'start'
      ? null
      : h(
          'ul',
          { className: 'outcomes' },
          ...box.outcomes.map((outcome) =>
            h('li', { key: outcome }, outcome, h(Handle, { type: 'source', position: Position.Right, id: outcome, isConnectable: connectable, 'aria-label': `Outcome ${outcome} of ${box.displayName}` })),
          ),
        ),
    box.kind === 'start' ? h(Handle, { type: 'source', position: Position.Right, id: box.outcomes[0] ?? START_HANDLE, isConnectable: connectable, 'aria-label': 'Start' }) : null,
  );
}
