/**
 * AM's account provisioning nodes of the legacy social trees, after a `NO_ACCOUNT`:
 * - Provision Dynamic Account (`ProvisionDynamicAccountNode`): creates the user from the social
 *   profile with the password Create Password collected (`transient.password`), else a random one;
 * - Provision IDM Account (`ProvisionIdmAccountNode`): in AM a redirect to IDM's registration page,
 *   which returns once the user registered. Arbor's identity management is built in, so the user
 *   is created from the social profile at once (no password), as that page would with its defaults.
 * Both have one outcome; a user that cannot be created (a policy refuses it, no profile) fails the
 * journey, as AM's node exception does, with the reason in the operator's log.
 */
import { randomBytes } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { fail, goTo } from '../../engine/actions.ts';
import type { NodeAction } from '../../engine/actions.ts';
import { defineNode } from '../../engine/define-node.ts';
import type { NodeContext } from '../../engine/node-context.ts';
import { provisionAccount } from './legacy-provision-account.ts';
import { LEGACY_SOCIAL } from './legacy-social-gateway.ts';
import { realmOfRequest } from './realm-of-request.ts';

const ACCOUNT_PROVIDER = 'org.forgerock.openam.authentication.modules.common.mapping.DefaultAccountProvider';

async function provisioned(ctx: NodeContext<unknown>, password: string | undefined, node: string): Promise<NodeAction> {
  const result = await provisionAccount(ctx, password);
  if (result.ok) return goTo('outcome');
  ctx.services.capabilities.get(LEGACY_SOCIAL).reportFailure({ realm: realmOfRequest(ctx.request), provider: node, code: 'PROVISIONING_FAILED', reason: result.reason });
  return fail();
}

/** Provision Dynamic Account: the user from the social profile, with the collected (or a random) password. */
export const provisionDynamicAccountNode = defineNode({
  type: 'ProvisionDynamicAccountNode',
  displayName: 'Provision Dynamic Account',
  category: 'social',
  description: 'Creates the account of a social sign-in, with the password collected before (or a random one).',
  config: Type.Object({ accountProviderClass: Type.String({ default: ACCOUNT_PROVIDER }) }),
  outcomes: ['outcome'],
  async process(ctx): Promise<NodeAction> {
    const collected = ctx.state.transient.password;
    const password = typeof collected === 'string' && collected !== '' ? collected : `${randomBytes(24).toString('base64url')}aA1!`;
    return provisioned(ctx, password, 'Provision Dynamic Account');
  },
});

/** Provision IDM Account: the user from the social profile, created at once (Arbor's IDM is built in). */
export const provisionIdmAccountNode = defineNode({
  type: 'ProvisionIdmAccountNode',
  displayName: 'Provision IDM Account',
  category: 'social',
  description: 'Creates the account of a social sign-in in the identity store.',
  config: Type.Object({ accountProviderClass: Type.String({ default: ACCOUNT_PROVIDER }) }),
  outcomes: ['outcome'],
  async process(ctx): Promise<NodeAction> {
    return provisioned(ctx, undefined, 'Provision IDM Account');
  },
});
