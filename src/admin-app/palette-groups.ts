/**
 * The palette's node types grouped by category (categories and types sorted by name), keeping
 * those whose name, type id or help contains the search text (any case).
 */
import type { NodeType } from './editor-client.ts';

/** One category of the palette. */
export interface PaletteGroup {
  category: string;
  types: NodeType[];
}

/** The groups of `types` matching `search`. */
export function paletteGroups(types: NodeType[], search: string): PaletteGroup[] {
  const wanted = search.trim().toLowerCase();
  const groups = new Map<string, NodeType[]>();
  for (const type of types) {
    if (wanted !== '' && ![type.name, type.id, type.help].some((text) => text.toLowerCase().includes(wanted))) continue;
    groups.set(type.category, [...(groups.get(type.category) ?? []), type]);
  }
  return [...groups.entries()]
    .map(([category, list]) => ({ category, types: list.sort((a, b) => a.name.localeCompare(b.name)) }))
    .sort((a, b) => a.category.localeCompare(b.category));
}
