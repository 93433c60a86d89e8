/**
 * The one-time password node types (AM's HOTP Generator, OTP Email Sender and OTP Collector
 * Decision), as the registry of built-in types lists them.
 */
import { anyNode, type AnyNodeDefinition } from '../../engine/define-node.ts';
import { oneTimePasswordCollectorDecisionNode } from './one-time-password-collector-decision-node.ts';
import { oneTimePasswordGeneratorNode } from './one-time-password-generator-node.ts';
import { oneTimePasswordSmtpSenderNode } from './one-time-password-smtp-sender-node.ts';

export const otpNodes: readonly AnyNodeDefinition[] = [anyNode(oneTimePasswordGeneratorNode), anyNode(oneTimePasswordSmtpSenderNode), anyNode(oneTimePasswordCollectorDecisionNode)];
