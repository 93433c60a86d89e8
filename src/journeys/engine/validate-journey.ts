/**
 * Tree validation on import and save (DESIGN §3): every node type known, every config object
 * present and valid against its node's schema (with the same `parseNodeConfig` the runner uses),
 * every declared outcome wired and no other, every node reachable, PageNode children allowed,
 * inner trees existing and not recursing. Returns every problem found; never throws for bad data.
 */
import { outcomesOf } from './define-node.ts';
import type { AnyNodeDefinition } from './define-node.ts';
import { parseNodeConfig } from './parse-node-config.ts';
import type { JourneyDefinition, TreeNodeEntry } from './tree-model.ts';
import { FAILURE_NODE_ID, SUCCESS_NODE_ID } from './tree-model.ts';
import { findInnerTreeRecursion } from '../trees/inner-tree-names.ts';
import type { InnerTreesOf } from '../trees/inner-tree-names.ts';
import { INNER_TREE_NODE_TYPE, PAGE_NODE_TYPE, pageChildrenOf } from '../trees/page-children.ts';

/** Stable codes of journey problems. */
export type JourneyProblemCode =
  | 'ENTRY_NODE_MISSING'
  | 'NODE_TYPE_UNSUPPORTED'
  | 'NODE_CONFIG_MISSING'
  | 'NODE_CONFIG_INVALID'
  | 'NODE_TYPE_MISMATCH'
  | 'CONNECTION_TARGET_UNKNOWN'
  | 'OUTCOME_UNKNOWN'
  | 'OUTCOME_NOT_WIRED'
  | 'NODE_UNREACHABLE'
  | 'NODE_CONFIG_UNUSED'
  | 'PAGE_EMPTY'
  | 'PAGE_CHILD_NOT_ALLOWED'
  | 'PAGE_CHILD_OUTCOMES'
  | 'INNER_TREE_MISSING'
  | 'INNER_TREE_RECURSION';

/** One thing wrong with a journey; every problem refuses the journey. */
export interface JourneyProblem {
  code: JourneyProblemCode;
  message: string;
  /**
   * Set for what AM itself accepts in a tree (an outcome left unconnected, an unreachable node):
   * reported, but the tree imports and runs; an unconnected outcome ends the journey in failure.
   */
  severity?: 'warning';
  nodeId?: string;
  nodeType?: string;
}

/** Problems AM's own samples have and AM runs anyway: reported as warnings, not refusals. */
const WARNINGS: ReadonlySet<JourneyProblemCode> = new Set(['OUTCOME_NOT_WIRED', 'NODE_UNREACHABLE']);

/** True for a problem that refuses the tree (not a warning). */
export function isBlocking(problem: Pick<JourneyProblem, 'severity'>): boolean {
  return problem.severity !== 'warning';
}

/** What validation looks up outside the journey. */
export interface ValidateJourneyOptions {
  registry: { get(type: string): AnyNodeDefinition | undefined };
  /** True when a tree of that name exists in the realm or in the same import batch. */
  treeExists(name: string): boolean | Promise<boolean>;
  /** The inner trees another tree runs, to find recursion through several levels. */
  innerTreesOf?: InnerTreesOf;
}

interface Resolved {
  definition: AnyNodeDefinition;
  config: unknown;
}

/** Validates a journey; an empty list means it can be stored and run. */
export async function validateJourney(journey: JourneyDefinition, options: ValidateJourneyOptions): Promise<JourneyProblem[]> {
  const { tree, nodes } = journey;
  const problems: JourneyProblem[] = [];
  const report = (code: JourneyProblemCode, message: string, nodeId?: string, nodeType?: string): void => {
    const warning = WARNINGS.has(code) ? { severity: 'warning' as const } : {};
    problems.push({ code, message, ...(nodeId === undefined ? {} : { nodeId }), ...(nodeType === undefined ? {} : { nodeType }), ...warning });
  };
  const isNode = (id: string): boolean => Object.hasOwn(tree.nodes, id);
  const used = new Set<string>();

  /** The node's definition and parsed config, or undefined (and the reason reported). */
  const resolve = (id: string, nodeType: string, displayName: string): Resolved | undefined => {
    const label = `node ${id} '${displayName}' (${nodeType})`;
    const definition = options.registry.get(nodeType);
    if (definition === undefined) report('NODE_TYPE_UNSUPPORTED', `node type ${nodeType} is not supported yet (node ${id} '${displayName}')`, id, nodeType);
    const raw = Object.hasOwn(nodes, id) ? nodes[id] : undefined;
    if (raw === undefined) {
      report('NODE_CONFIG_MISSING', `${label} has no node config object`, id, nodeType);
      return undefined;
    }
    if (raw._type?._id !== nodeType) {
      report('NODE_TYPE_MISMATCH', `${label}: its config object is of type ${String(raw._type?._id)}`, id, nodeType);
      return undefined;
    }
    if (definition === undefined) return undefined;
    const parsed = parseNodeConfig(definition, raw);
    if (!parsed.ok) {
      report('NODE_CONFIG_INVALID', `${label} has invalid config: ${parsed.errors.join('; ')}`, id, nodeType);
      return undefined;
    }
    return { definition, config: parsed.config };
  };

  /** Checks a page and its children; the page's outcomes are those of its last child. */
  const pageOutcomes = (id: string, entry: TreeNodeEntry): readonly string[] | undefined => {
    const before = problems.length;
    resolve(id, entry.nodeType, entry.displayName);
    const raw = Object.hasOwn(nodes, id) ? nodes[id] : undefined;
    if (raw === undefined) return undefined;
    const label = `page ${id} '${entry.displayName}'`;
    const children = pageChildrenOf(raw);
    if (!children.ok) {
      const reported = problems.slice(before).some((p) => p.code === 'NODE_CONFIG_INVALID' || p.code === 'NODE_TYPE_MISMATCH');
      if (!reported) report('NODE_CONFIG_INVALID', `${label} has invalid config: ${children.error}`, id, entry.nodeType);
      return undefined;
    }
    if (children.children.length === 0) {
      report('PAGE_EMPTY', `${label} has no child nodes`, id, entry.nodeType);
      return undefined;
    }
    let outcomes: readonly string[] | undefined;
    children.children.forEach((child, index) => {
      used.add(child._id);
      const last = index === children.children.length - 1;
      const childLabel = `${label}: child ${child._id} '${child.displayName}' (${child.nodeType})`;
      if (child.nodeType === PAGE_NODE_TYPE || child.nodeType === INNER_TREE_NODE_TYPE) {
        report('PAGE_CHILD_NOT_ALLOWED', `${childLabel} cannot be inside a page`, child._id, child.nodeType);
        return;
      }
      const resolved = resolve(child._id, child.nodeType, child.displayName);
      const childOutcomes = resolved === undefined ? undefined : outcomesOf(resolved.definition, resolved.config);
      if (childOutcomes !== undefined && !last && childOutcomes.length !== 1) {
        report('PAGE_CHILD_OUTCOMES', `${childLabel} has outcomes ${childOutcomes.join(', ')}; only the last child of a page may have more than one`, child._id, child.nodeType);
      }
      if (last) outcomes = childOutcomes;
    });
    return outcomes;
  };

  /** Checks that the inner tree exists and does not lead back. */
  const checkInnerTree = async (id: string, entry: TreeNodeEntry, config: unknown): Promise<void> => {
    const name = typeof config === 'object' && config !== null ? (config as { tree?: unknown }).tree : undefined;
    if (typeof name !== 'string' || name === '') return; // the schema reports it
    const label = `node ${id} '${entry.displayName}' (${entry.nodeType})`;
    if (name === tree._id) {
      report('INNER_TREE_RECURSION', `${label} runs its own tree '${name}'`, id, entry.nodeType);
    } else if (!(await options.treeExists(name))) {
      report('INNER_TREE_MISSING', `${label} runs inner tree '${name}', which does not exist in the realm or in this import`, id, entry.nodeType);
    } else if (options.innerTreesOf !== undefined) {
      const chain = await findInnerTreeRecursion(tree._id, name, options.innerTreesOf);
      if (chain !== undefined) report('INNER_TREE_RECURSION', `${label} runs inner tree '${name}', which recurses: ${chain.join(' → ')}`, id, entry.nodeType);
    }
  };

  if (tree.entryNodeId === '') report('ENTRY_NODE_MISSING', `tree '${tree._id}' has no entryNodeId`);
  else if (!isNode(tree.entryNodeId)) report('ENTRY_NODE_MISSING', `tree '${tree._id}': entryNodeId ${tree.entryNodeId} is not a node of the tree`);

  for (const [id, entry] of Object.entries(tree.nodes)) {
    used.add(id);
    const label = `node ${id} '${entry.displayName}' (${entry.nodeType})`;
    let outcomes: readonly string[] | undefined;
    if (entry.nodeType === PAGE_NODE_TYPE) {
      outcomes = pageOutcomes(id, entry);
    } else {
      const resolved = resolve(id, entry.nodeType, entry.displayName);
      outcomes = resolved === undefined ? undefined : outcomesOf(resolved.definition, resolved.config);
      if (resolved !== undefined && entry.nodeType === INNER_TREE_NODE_TYPE) await checkInnerTree(id, entry, resolved.config);
    }
    for (const [outcome, target] of Object.entries(entry.connections)) {
      if (target !== SUCCESS_NODE_ID && target !== FAILURE_NODE_ID && !isNode(target)) {
        report('CONNECTION_TARGET_UNKNOWN', `${label}: outcome '${outcome}' leads to ${target}, which is not a node of the tree`, id, entry.nodeType);
      }
      if (outcomes !== undefined && !outcomes.includes(outcome)) {
        report('OUTCOME_UNKNOWN', `${label} has no outcome '${outcome}' (its outcomes: ${outcomes.join(', ')})`, id, entry.nodeType);
      }
    }
    for (const outcome of outcomes ?? []) {
      if (!Object.hasOwn(entry.connections, outcome)) report('OUTCOME_NOT_WIRED', `${label}: outcome '${outcome}' is not connected`, id, entry.nodeType);
    }
  }

  if (isNode(tree.entryNodeId)) {
    const reached = new Set<string>();
    const queue = [tree.entryNodeId];
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const entry = Object.hasOwn(tree.nodes, id) ? tree.nodes[id] : undefined;
      if (entry === undefined || reached.has(id)) continue;
      reached.add(id);
      queue.push(...Object.values(entry.connections));
    }
    for (const [id, entry] of Object.entries(tree.nodes)) {
      if (!reached.has(id)) report('NODE_UNREACHABLE', `node ${id} '${entry.displayName}' (${entry.nodeType}) cannot be reached from the entry node`, id, entry.nodeType);
    }
  }

  for (const [id, node] of Object.entries(nodes)) {
    if (!used.has(id)) report('NODE_CONFIG_UNUSED', `node config object ${id} (${String(node._type?._id)}) is not used by the tree`, id);
  }
  return problems;
}
