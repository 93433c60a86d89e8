/** The SMS node types (AM's OTP SMS Sender), which the MFA capability adds through `mfaNodes`. */
import { anyNode, type AnyNodeDefinition } from '../../../engine/define-node.ts';
import { oneTimePasswordSmsSenderNode } from './one-time-password-sms-sender-node.ts';

export const smsNodes: readonly AnyNodeDefinition[] = [anyNode(oneTimePasswordSmsSenderNode)];
