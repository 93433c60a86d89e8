/**
 * The Node Designer node types of a journey import, handled as its scripts are
 * (`import-scripts.ts`): each type of the batch read (`parseCustomNodeType`), copies of one id
 * compared, and each tree's `designer-…` nodes resolved against the batch and the realm's stored
 * types. A tree is refused for a bad or conflicting type it carries, or for a node of a type that
 * is nowhere. Types are stored (`realm/<realm>/customNodes/<id>`) with the trees that import.
 */
import type { JourneyDefinition } from '../engine/tree-model.ts';
import type { CustomNodeType } from '../nodes/scripting/custom-script-node-definition.ts';
import { CUSTOM_NODE_TYPE_PREFIX, parseCustomNodeType, sameCustomNodeType } from '../nodes/scripting/custom-script-node-definition.ts';
import type { ScriptInFile } from './journey-file-content.ts';

/** A reason to refuse a tree, in the import's problem shape. */
export interface CustomNodeProblem {
  code: 'CUSTOM_NODE_INVALID' | 'CUSTOM_NODE_CONFLICT' | 'CUSTOM_NODE_MISSING';
  message: string;
  nodeId?: string;
  nodeType?: string;
}

/** The batch's custom node types, checked. */
export interface BatchCustomNodes {
  /** Types that read well, by id, with the file they came in. */
  byId: Map<string, { type: CustomNodeType; file: string }>;
  /** The ids of every type of the batch, good or bad. */
  carried: Set<string>;
  /** Problems of the types each tree carries, by tree name. */
  treeProblems: Map<string, CustomNodeProblem[]>;
}

/** Checks every custom node type of the batch. */
export function checkBatchCustomNodes(items: readonly ScriptInFile[]): BatchCustomNodes {
  const result: BatchCustomNodes = { byId: new Map(), carried: new Set(items.map((item) => item.id)), treeProblems: new Map() };
  const fail = (item: ScriptInFile, code: CustomNodeProblem['code'], message: string): void => {
    const tree = item.tree ?? '';
    result.treeProblems.set(tree, [...(result.treeProblems.get(tree) ?? []), { code, message }]);
  };
  for (const item of items) {
    const parsed = parseCustomNodeType(item.json, item.id);
    if (!parsed.ok) {
      fail(item, 'CUSTOM_NODE_INVALID', `custom node type '${item.id}' of tree '${item.tree ?? ''}' is invalid: ${parsed.error}`);
      continue;
    }
    const known = result.byId.get(item.id);
    if (known === undefined) result.byId.set(item.id, { type: parsed.type, file: item.file });
    else if (!sameCustomNodeType(known.type, parsed.type)) {
      fail(item, 'CUSTOM_NODE_CONFLICT', `custom node type '${item.id}' of tree '${item.tree ?? ''}' differs from the type of the same id in ${known.file}`);
    }
  }
  return result;
}

/** The custom node types the nodes of `definition` use, with the node naming each. */
export function customNodeTypesOf(definition: JourneyDefinition): { nodeId: string; typeId: string }[] {
  const found: { nodeId: string; typeId: string }[] = [];
  for (const [nodeId, node] of Object.entries(definition.nodes)) {
    const typeId = node._type?._id;
    if (typeof typeId === 'string' && typeId.startsWith(CUSTOM_NODE_TYPE_PREFIX)) found.push({ nodeId, typeId });
  }
  return found;
}

/** Refusals for the nodes of `definition` of a custom type neither in the batch nor stored in `realm`. */
export async function missingCustomNodes(definition: JourneyDefinition, batch: BatchCustomNodes, realm: string, stored: (id: string) => Promise<CustomNodeType | undefined>): Promise<CustomNodeProblem[]> {
  const problems: CustomNodeProblem[] = [];
  for (const { nodeId, typeId } of customNodeTypesOf(definition)) {
    if (batch.carried.has(typeId) || (await stored(typeId)) !== undefined) continue;
    problems.push({ code: 'CUSTOM_NODE_MISSING', message: `node ${nodeId} is of custom node type '${typeId}', which is neither in this import nor stored in realm ${realm}`, nodeId, nodeType: typeId });
  }
  return problems;
}
