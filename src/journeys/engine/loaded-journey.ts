/**
 * A journey at one revision, as the runner uses it: the definition, and its nodes resolved (type
 * definition found, config parsed with TypeBox) once, on first use, then shared by every request
 * that runs this revision. A revision never changes, so nothing here is ever invalidated; the
 * journey cache keeps these objects. Parsed configs are frozen: a node that tried to change its
 * `ctx.config` would change it for every later request, and fails instead.
 */
import { deepFreeze } from '../../cache/deep-freeze.ts';
import type { NodeLookup, ResolvedNode } from './node-steps.ts';
import { resolveNode } from './node-steps.ts';
import type { JourneyDefinition } from './tree-model.ts';

/** A tree at one revision, with its nodes resolved on demand. */
export interface LoadedJourney {
  /** The tree name (`tree._id`). */
  readonly name: string;
  readonly revision: number;
  readonly definition: JourneyDefinition;
  /** The node `nodeId` (of type `nodeType`, shown as `displayName`), resolved; TREE_INVALID when it cannot be (not remembered). */
  node(nodeId: string, nodeType: string, displayName: string): ResolvedNode;
}

/** `definition` at `revision`, resolving its nodes with `nodes`. */
export function loadedJourney(revision: number, definition: JourneyDefinition, nodes: NodeLookup): LoadedJourney {
  const resolved = new Map<string, ResolvedNode>();
  return {
    name: definition.tree._id,
    revision,
    definition,
    node(nodeId, nodeType, displayName) {
      // Page children name their type and label in the page's config: the key holds all three.
      const key = JSON.stringify([nodeId, nodeType, displayName]);
      const known = resolved.get(key);
      if (known !== undefined) return known;
      const node = resolveNode(definition, nodeId, nodeType, displayName, nodes);
      const shared: ResolvedNode = { ...node, config: deepFreeze(node.config) };
      resolved.set(key, shared);
      return shared;
    },
  };
}
