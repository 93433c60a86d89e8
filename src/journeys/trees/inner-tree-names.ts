/** Inner tree references of a journey (InnerTreeEvaluatorNode `tree`), and recursion among them. */
import type { JourneyDefinition } from '../engine/tree-model.ts';
import { INNER_TREE_NODE_TYPE } from './page-children.ts';

/** Gives the inner trees another tree runs; undefined when that tree is unknown. */
export type InnerTreesOf = (name: string) => readonly string[] | undefined | Promise<readonly string[] | undefined>;

/** Names of the trees a journey runs as inner trees, sorted, without duplicates. */
export function innerTreeNamesOf(definition: JourneyDefinition): string[] {
  const names = new Set<string>();
  for (const [id, entry] of Object.entries(definition.tree.nodes)) {
    if (entry.nodeType !== INNER_TREE_NODE_TYPE) continue;
    const name = definition.nodes[id]?.tree;
    if (typeof name === 'string' && name !== '') names.add(name);
  }
  return [...names].sort();
}

/**
 * Follows inner tree references from `start` (run by tree `self`) and returns the first chain that
 * comes back to a tree already on it (`['A', 'B', 'A']`), or undefined when there is none.
 */
export async function findInnerTreeRecursion(self: string, start: string, innerTreesOf: InnerTreesOf): Promise<string[] | undefined> {
  if (start === self) return [self, self];
  const finished = new Set<string>();
  const walk = async (path: readonly string[]): Promise<string[] | undefined> => {
    const current = path[path.length - 1] ?? start;
    for (const next of (await innerTreesOf(current)) ?? []) {
      if (path.includes(next)) return [...path, next];
      if (finished.has(next)) continue;
      const found = await walk([...path, next]);
      if (found !== undefined) return found;
    }
    finished.add(current);
    return undefined;
  };
  return walk([self, start]);
}
