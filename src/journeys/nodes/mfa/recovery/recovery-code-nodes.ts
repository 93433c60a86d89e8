/** The recovery code node types (AM's Recovery Code Display and Recovery Code Collector Decision). */
import { anyNode, type AnyNodeDefinition } from '../../../engine/define-node.ts';
import { recoveryCodeCollectorDecisionNode } from './recovery-code-collector-decision-node.ts';
import { recoveryCodeDisplayNode } from './recovery-code-display-node.ts';

export const recoveryCodeNodes: readonly AnyNodeDefinition[] = [anyNode(recoveryCodeDisplayNode), anyNode(recoveryCodeCollectorDecisionNode)];
