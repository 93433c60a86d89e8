/**
 * The node types Arbor knows, by ForgeRock type id. The runner and tree validation look node
 * types up here; an unknown type is an error, never skipped.
 */
import type { TSchema } from '@sinclair/typebox';
import type { AnyNodeDefinition, NodeDefinition } from '../engine/define-node.ts';
import { accountLockoutNode } from './account-lockout-node.ts';
import { choiceCollectorNode } from './choice-collector-node.ts';
import { dataStoreDecisionNode } from './data-store-decision-node.ts';
import { incrementLoginCountNode } from './increment-login-count-node.ts';
import { innerTreeEvaluatorNode } from './inner-tree-evaluator-node.ts';
import { messageNode } from './message-node.ts';
import { pageNode } from './page-node.ts';
import { passwordCollectorNode } from './password-collector-node.ts';
import { retryLimitDecisionNode } from './retry-limit-decision-node.ts';
import { usernameCollectorNode } from './username-collector-node.ts';
import { validatedPasswordNode } from './validated-password-node.ts';
import { validatedUsernameNode } from './validated-username-node.ts';

/** Node definitions by type id. */
export interface NodeRegistry {
  /** The definition of `type` (the ForgeRock `_type._id`), undefined when unknown. */
  get(type: string): AnyNodeDefinition | undefined;
  /** Every definition, in registration order. */
  list(): AnyNodeDefinition[];
}

/**
 * Erases a definition's config type for the registry. Safe because the runner only ever calls
 * `process` and `outcomes` with config parsed by that definition's own schema.
 */
export function anyNode<S extends TSchema>(definition: NodeDefinition<S>): AnyNodeDefinition {
  return definition as unknown as AnyNodeDefinition;
}

/** The built-in node types. */
export const builtinNodes: readonly AnyNodeDefinition[] = [
  anyNode(pageNode),
  anyNode(validatedUsernameNode),
  anyNode(validatedPasswordNode),
  anyNode(usernameCollectorNode),
  anyNode(passwordCollectorNode),
  anyNode(dataStoreDecisionNode),
  anyNode(incrementLoginCountNode),
  anyNode(innerTreeEvaluatorNode),
  anyNode(messageNode),
  anyNode(choiceCollectorNode),
  anyNode(retryLimitDecisionNode),
  anyNode(accountLockoutNode),
];

/** A registry of `definitions`; two definitions of the same type are a programming error. */
export function createNodeRegistry(definitions: readonly AnyNodeDefinition[]): NodeRegistry {
  const byType = new Map<string, AnyNodeDefinition>();
  for (const definition of definitions) {
    if (byType.has(definition.type)) throw new Error(`node type ${definition.type} is registered twice`);
    byType.set(definition.type, definition);
  }
  const all = [...byType.values()];
  return {
    get: (type) => byType.get(type),
    list: () => [...all],
  };
}
