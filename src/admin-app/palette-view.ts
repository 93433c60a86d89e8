/**
 * The editor's palette: the realm's node types grouped by category, with a search box. A click on
 * a type adds a node of it to the journey; a type can also be dragged onto the canvas, which
 * reads the type id from the drag's `PALETTE_DRAG_TYPE` data.
 */
import { createElement as h, useState } from 'react';
import type { DragEvent, ReactElement } from 'react';
import type { NodeType } from './editor-client.ts';
import { paletteGroups } from './palette-groups.ts';

/** The drag data type carrying a node type id from the palette to the canvas. */
export const PALETTE_DRAG_TYPE = 'application/x-arbor-node-type';

/** The palette of `types`; `onAdd` adds a node of the clicked type. */
export function PaletteView(props: { types: NodeType[] | undefined; onAdd: (type: NodeType) => void }): ReactElement {
  const [search, setSearch] = useState('');
  const groups = paletteGroups(props.types ?? [], search);
  return h(
    'aside',
    { className: 'palette', 'aria-label': 'Node types' },
    h('input', { type: 'search', placeholder: 'Search node types', 'aria-label': 'Search node types', value: search, onChange: (event: { target: { value: string } }) => setSearch(event.target.value) }),
    props.types === undefined ? h('p', null, 'Loading…') : groups.length === 0 ? h('p', null, 'No node type matches.') : null,
    ...groups.map((group) =>
      h(
        'section',
        { key: group.category, 'aria-label': group.category },
        h('h3', null, group.category),
        h(
          'ul',
          null,
          ...group.types.map((type) =>
            h(
              'li',
              { key: type.id },
              h(
                'button',
                {
                  type: 'button',
                  className: 'palette-item',
                  title: type.help,
                  draggable: true,
                  'aria-label': `Add ${type.name}`,
                  onClick: () => props.onAdd(type),
                  onDragStart: (event: DragEvent) => {
                    event.dataTransfer.setData(PALETTE_DRAG_TYPE, type.id);
                    event.dataTransfer.effectAllowed = 'copy';
                  },
                },
                type.name,
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
