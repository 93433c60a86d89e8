/**
 * The node types of AM's legacy social sample trees (Google-DynamicAccountCreation,
 * Facebook-ProvisionIDMAccount, Google-AnonymousUser), for the capability that registers them with
 * the `LEGACY_SOCIAL` gateway (`src/platform/social-legacy/`).
 */
import type { AnyNodeDefinition } from '../../engine/define-node.ts';
import { anyNode } from '../registry.ts';
import { anonymousUserNode } from './legacy-anonymous-user-node.ts';
import { createPasswordNode } from './legacy-create-password-node.ts';
import { provisionDynamicAccountNode, provisionIdmAccountNode } from './legacy-provision-nodes.ts';
import { socialFacebookNode, socialGoogleNode, socialNode } from './legacy-social-auth-node.ts';

/** The legacy social node types. */
export const legacySocialNodes: readonly AnyNodeDefinition[] = [
  anyNode(socialGoogleNode),
  anyNode(socialFacebookNode),
  anyNode(socialNode),
  anyNode(provisionDynamicAccountNode),
  anyNode(provisionIdmAccountNode),
  anyNode(anonymousUserNode),
  anyNode(createPasswordNode),
];
