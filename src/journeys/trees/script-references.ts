/**
 * The scripts a journey's nodes name: the `script` of Scripted Decision, Config Provider and
 * Social Provider Handler nodes (page children included). AM's default social scripts, which Arbor
 * has built in, need not be stored.
 */
import { PROFILE_TO_USER_IDS, TRANSFORM_IDS } from '../../social/providers/normalize/transform-ids.ts';
import type { JourneyDefinition } from '../engine/tree-model.ts';

/** Node types whose `script` config names a script. */
export const SCRIPT_NODE_TYPES: ReadonlySet<string> = new Set(['ScriptedDecisionNode', 'ConfigProviderNode', 'SocialProviderHandlerNode', 'SocialProviderHandlerNodeV2']);

/** Script ids Arbor answers itself (AM's default normalization scripts). */
export const BUILTIN_SCRIPT_IDS: ReadonlySet<string> = new Set([...Object.values(PROFILE_TO_USER_IDS), ...Object.values(TRANSFORM_IDS)]);

/** One node naming a script. */
export interface ScriptReference {
  nodeId: string;
  nodeType: string;
  displayName: string;
  scriptId: string;
}

/** The display name of node `id`: its tree entry's, else its page reference's, else its id. */
function displayNameOf(definition: JourneyDefinition, id: string): string {
  const entry = Object.hasOwn(definition.tree.nodes, id) ? definition.tree.nodes[id] : undefined;
  if (entry !== undefined) return entry.displayName;
  for (const node of Object.values(definition.nodes)) {
    const refs = node.nodes;
    if (!Array.isArray(refs)) continue;
    for (const ref of refs) {
      if (typeof ref === 'object' && ref !== null && (ref as { _id?: unknown })._id === id) {
        const name = (ref as { displayName?: unknown }).displayName;
        if (typeof name === 'string') return name;
      }
    }
  }
  return id;
}

/** Every node of `definition` that names a script, in node id order. */
export function scriptReferencesOf(definition: JourneyDefinition): ScriptReference[] {
  const references: ScriptReference[] = [];
  for (const id of Object.keys(definition.nodes).sort()) {
    const node = definition.nodes[id];
    const nodeType = node?._type?._id;
    if (node === undefined || nodeType === undefined || !SCRIPT_NODE_TYPES.has(nodeType)) continue;
    const scriptId = node.script;
    if (typeof scriptId !== 'string' || scriptId === '') continue;
    references.push({ nodeId: id, nodeType, displayName: displayNameOf(definition, id), scriptId });
  }
  return references;
}

/** The ids of the scripts `definition` names, sorted, without duplicates. */
export function scriptIdsOf(definition: JourneyDefinition): string[] {
  return [...new Set(scriptReferencesOf(definition).map((reference) => reference.scriptId))].sort();
}
