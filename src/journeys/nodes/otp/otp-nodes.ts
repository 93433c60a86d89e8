/**
 * The one-time password node types (AM's HOTP Generator, OTP Email Sender and OTP Collector
 * Decision), as the registry of built-in types lists them.
 */
import type { AnyNodeDefinition } from '../../engine/define-node.ts';
import { oneTimePasswordCollectorDecisionNode } from './one-time-password-collector-decision-node.ts';
import { oneTimePasswordGeneratorNode } from './one-time-password-generator-node.ts';
import { oneTimePasswordSmtpSenderNode } from './one-time-password-smtp-sender-node.ts';

// Each config type is erased as `anyNode` does (registry.ts): the runner only ever calls a node
// with config parsed by its own schema.
export const otpNodes: readonly AnyNodeDefinition[] = [oneTimePasswordGeneratorNode, oneTimePasswordSmtpSenderNode, oneTimePasswordCollectorDecisionNode].map(
  (definition) => definition as unknown as AnyNodeDefinition,
);
