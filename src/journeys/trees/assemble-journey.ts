/**
 * Joins a tree with its node objects: keeps the ones the tree uses (its nodes and their PageNode
 * children), rebuilds a missing `_type` from the `nodeType` that names the node (Amster node data
 * may lack it) and tells which node objects were left unused.
 */
import { isDeepStrictEqual } from 'node:util';
import type { JourneyDefinition, NodeConfigObject, TreeObject } from '../engine/tree-model.ts';
import { journeyFileError } from './errors.ts';
import type { JourneyFileContent, LooseNodeObject, TypeReconstruction } from './journey-file-content.ts';
import { PAGE_NODE_TYPE, pageChildrenOf, pageChildIds } from './page-children.ts';

/** A tree joined with its node objects. */
export interface AssembledJourney {
  definition: JourneyDefinition;
  reconstructedTypes: TypeReconstruction[];
  /** Ids of the pool's node objects the tree uses. */
  usedIds: Set<string>;
}

/** The node ids a tree uses, with the type each is named with (tree entry or page reference). */
function namedTypes(tree: TreeObject, pool: ReadonlyMap<string, LooseNodeObject>): Map<string, string> {
  const named = new Map<string, string>();
  for (const [id, entry] of Object.entries(tree.nodes)) named.set(id, entry.nodeType);
  for (const [id, entry] of Object.entries(tree.nodes)) {
    const node = pool.get(id);
    if (node === undefined || (node._type?._id ?? entry.nodeType) !== PAGE_NODE_TYPE) continue;
    const children = pageChildrenOf(node);
    if (children.ok) {
      for (const child of children.children) if (!named.has(child._id)) named.set(child._id, child.nodeType);
    } else {
      // Malformed references still count as used; the validator reports them.
      for (const childId of pageChildIds(node)) if (!named.has(childId)) named.set(childId, '');
    }
  }
  return named;
}

/** Joins `tree` with the node objects of `pool` it uses (`file` is for the reconstruction record). */
export function assembleJourney(tree: TreeObject, pool: ReadonlyMap<string, LooseNodeObject>, file: string): AssembledJourney {
  const nodes: Record<string, NodeConfigObject> = {};
  const reconstructedTypes: TypeReconstruction[] = [];
  const usedIds = new Set<string>();
  for (const [id, nodeType] of namedTypes(tree, pool)) {
    const node = pool.get(id);
    if (node === undefined) continue;
    usedIds.add(id);
    const copy = structuredClone(node);
    if (copy._type !== undefined) {
      nodes[id] = { ...copy, _type: copy._type };
    } else if (nodeType !== '') {
      nodes[id] = { ...copy, _type: { _id: nodeType } };
      reconstructedTypes.push({ file, tree: tree._id, nodeId: id, nodeType });
    }
    // A node without `_type` named by a malformed page reference stays out; the validator then
    // reports its config as missing.
  }
  return { definition: { tree: structuredClone(tree), nodes }, reconstructedTypes, usedIds };
}

/**
 * Adds the journey made of `tree` and its own `nodeObjects` (a complete wrapper) to `content`;
 * node objects the tree does not use are listed as ignored.
 */
export function addCompleteJourney(content: JourneyFileContent, tree: TreeObject, nodeObjects: LooseNodeObject[]): void {
  const pool = new Map<string, LooseNodeObject>();
  for (const node of nodeObjects) {
    const known = pool.get(node._id);
    if (known !== undefined && !isDeepStrictEqual(known, node)) {
      throw journeyFileError('JOURNEY_FILE_INVALID', content.file, `tree '${tree._id}': node ${node._id} appears twice with different content`);
    }
    pool.set(node._id, node);
  }
  const assembled = assembleJourney(tree, pool, content.file);
  content.journeys.push(assembled.definition);
  content.reconstructedTypes.push(...assembled.reconstructedTypes);
  for (const id of pool.keys()) {
    if (!assembled.usedIds.has(id)) content.ignored.push({ file: content.file, kind: 'unusedNode', name: id, tree: tree._id });
  }
}
