/**
 * The "Nodes on this page" part of a Page node's side panel in the editor: its children in page
 * order, each opened into its own settings form (the child's name is a button), moved up or down,
 * or removed; a child whose settings the server refused is marked. Below, a node type to add to
 * the page (any type but a page). Changes go to `onChange`, openings to `onOpen`.
 */
import { createElement as h, useState } from 'react';
import type { ReactElement } from 'react';
import type { NodeType } from './editor-client.ts';
import type { EditorBox } from './editor-model.ts';
import { PAGE_NODE_TYPE } from './editor-model.ts';

/** A change of a page's children. */
export type ChildChange = { add: NodeType } | { remove: string } | { move: string; by: -1 | 1 };

type Change = { target: { value: string } };

/** The children of a page, and the node type to add. */
export function PageChildrenView(props: { children: EditorBox[]; types: NodeType[]; problemIds: ReadonlySet<string>; onChange: (change: ChildChange) => void; onOpen: (id: string) => void }): ReactElement {
  const [childType, setChildType] = useState('');
  const { children } = props;
  return h(
    'section',
    { 'aria-label': 'Nodes on this page' },
    h('h3', null, 'Nodes on this page'),
    h(
      'ol',
      { className: 'page-children' },
      ...children.map((child, index) =>
        h(
          'li',
          { key: child.id, className: props.problemIds.has(child.id) ? 'child-problem' : undefined },
          h('button', { type: 'button', className: 'link child-open', 'aria-label': `Configure ${child.displayName}`, title: 'Open its settings', onClick: () => props.onOpen(child.id) }, child.displayName),
          props.problemIds.has(child.id) ? h('span', { className: 'invalid', title: 'Arbor refused its settings' }, ' ⚠') : null,
          ' ',
          h('button', { type: 'button', className: 'link', disabled: index === 0, 'aria-label': `Move ${child.displayName} up`, onClick: () => props.onChange({ move: child.id, by: -1 }) }, '↑'),
          h('button', { type: 'button', className: 'link', disabled: index === children.length - 1, 'aria-label': `Move ${child.displayName} down`, onClick: () => props.onChange({ move: child.id, by: 1 }) }, '↓'),
          h('button', { type: 'button', className: 'link', 'aria-label': `Remove ${child.displayName} from the page`, onClick: () => props.onChange({ remove: child.id }) }, 'remove'),
        ),
      ),
    ),
    h(
      'div',
      { className: 'form-field' },
      h('label', { htmlFor: 'page-child-type' }, 'Node to add'),
      h('select', { id: 'page-child-type', value: childType, onChange: (event: Change) => setChildType(event.target.value) }, h('option', { value: '' }, '—'), ...props.types.filter((type) => type.id !== PAGE_NODE_TYPE).map((type) => h('option', { key: type.id, value: type.id }, type.name))),
      h(
        'button',
        {
          type: 'button',
          disabled: childType === '',
          onClick: () => {
            const type = props.types.find((candidate) => candidate.id === childType);
            if (type !== undefined) props.onChange({ add: type });
          },
        },
        'Add to page',
      ),
    ),
  );
}
