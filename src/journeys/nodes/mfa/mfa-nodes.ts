/**
 * The multi-factor and passwordless node types (one-time passwords by SMS, authenticator apps,
 * WebAuthn and passkeys, recovery codes, device profiles), which the MFA capability
 * (`src/platform/mfa/`) adds to the built-in ones. Each family lists its own nodes.
 */
import type { AnyNodeDefinition } from '../../engine/define-node.ts';
import { oathNodes } from './oath/oath-nodes.ts';
import { recoveryCodeNodes } from './recovery/recovery-code-nodes.ts';
import { deviceProfileNodes } from './device/device-profile-nodes.ts';
import { smsNodes } from './sms/sms-nodes.ts';
import { webAuthnNodes } from './webauthn/webauthn-nodes.ts';

export const mfaNodes: readonly AnyNodeDefinition[] = [
  // each family's list is spread here
  ...oathNodes, ...recoveryCodeNodes,
  ...deviceProfileNodes, ...smsNodes,
  ...webAuthnNodes,
];
