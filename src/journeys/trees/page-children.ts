/** Reads the child references of a PageNode config (`nodes: [{_id, nodeType, displayName}]`). */
import type { PageChildRef } from '../engine/tree-model.ts';
import { describeJson, isRecord } from './parse-journey-objects.ts';

/** The node type id of a page. */
export const PAGE_NODE_TYPE = 'PageNode';
/** The node type id of the inner tree evaluator. */
export const INNER_TREE_NODE_TYPE = 'InnerTreeEvaluatorNode';

/** The children of a page config, or why they cannot be read. */
export type PageChildrenResult = { ok: true; children: PageChildRef[] } | { ok: false; error: string };

/** Parses `config.nodes` of a PageNode config object. */
export function pageChildrenOf(config: Record<string, unknown>): PageChildrenResult {
  const refs = config.nodes;
  if (!Array.isArray(refs)) return { ok: false, error: `nodes must be a list of {_id, nodeType, displayName}, found ${describeJson(refs)}` };
  const children: PageChildRef[] = [];
  for (const [index, ref] of refs.entries()) {
    if (!isRecord(ref)) return { ok: false, error: `nodes[${index}] must be an object, found ${describeJson(ref)}` };
    const { _id: id, nodeType, displayName } = ref;
    if (typeof id !== 'string' || id === '') return { ok: false, error: `nodes[${index}]._id must be a node id, found ${describeJson(id)}` };
    if (typeof nodeType !== 'string' || nodeType === '') return { ok: false, error: `nodes[${index}].nodeType must be a node type, found ${describeJson(nodeType)}` };
    if (typeof displayName !== 'string') return { ok: false, error: `nodes[${index}].displayName must be a string, found ${describeJson(displayName)}` };
    if (ref.nodeVersion !== undefined && typeof ref.nodeVersion !== 'string') {
      return { ok: false, error: `nodes[${index}].nodeVersion must be a string, found ${describeJson(ref.nodeVersion)}` };
    }
    children.push({ ...ref, _id: id, nodeType, displayName });
  }
  return { ok: true, children };
}

/** The child ids of a page config, ignoring malformed references (the validator reports them). */
export function pageChildIds(config: Record<string, unknown>): string[] {
  const refs = config.nodes;
  if (!Array.isArray(refs)) return [];
  return refs.flatMap((ref) => (isRecord(ref) && typeof ref._id === 'string' ? [ref._id] : []));
}
