/**
 * The multi-factor and passwordless node types (one-time passwords by SMS, authenticator apps,
 * WebAuthn and passkeys, recovery codes, device profiles), which the MFA capability
 * (`src/platform/mfa/`) adds to the built-in ones. Each family lists its own nodes.
 */
import type { AnyNodeDefinition } from '../../engine/define-node.ts';

export const mfaNodes: readonly AnyNodeDefinition[] = [];
