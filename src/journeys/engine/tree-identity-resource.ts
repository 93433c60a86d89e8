/** A tree's `identityResource`, when it names one: Frodo exports write an unset one as the string "null". */
import type { TreeObject } from './tree-model.ts';

/** The tree's identity resource (`managed/alpha_user`), or undefined when it has none. */
export function treeIdentityResource(tree: TreeObject): string | undefined {
  const value = tree.identityResource;
  return typeof value === 'string' && value.startsWith('managed/') ? value : undefined;
}
