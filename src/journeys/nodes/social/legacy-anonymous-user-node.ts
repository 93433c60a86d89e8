/**
 * Anonymous User Mapping (`AnonymousUserNode`): makes the journey's user the realm's anonymous
 * user (`anonymousUserName`, `anonymous` by default), as AM does for guests of the legacy social
 * samples. The session is that managed user's, so the account must exist in the realm. AM's
 * default name `anonymous` is one of IDM's internal users, which no managed user may be named
 * after: set `anonymousUserName` to a guest account of the realm (`guest`, created with
 * `arbor user add`). Without the account the journey fails, with the reason in the operator's log.
 */
import { Type } from '@sinclair/typebox';
import { fail, goTo } from '../../engine/actions.ts';
import type { NodeAction } from '../../engine/actions.ts';
import { defineNode } from '../../engine/define-node.ts';
import { LEGACY_SOCIAL } from './legacy-social-gateway.ts';
import { realmOfRequest } from './realm-of-request.ts';

/** Anonymous User Mapping: the journey's user is the account named `anonymousUserName`. */
export const anonymousUserNode = defineNode({
  type: 'AnonymousUserNode',
  displayName: 'Anonymous User Mapping',
  category: 'social',
  description: "Signs the user in as the realm's anonymous (guest) user.",
  config: Type.Object({ anonymousUserName: Type.String({ default: 'anonymous', minLength: 1, description: 'The username of the guest account guests sign in as.' }) }),
  outcomes: ['outcome'],
  async process(ctx): Promise<NodeAction> {
    const name = ctx.config.anonymousUserName;
    const user = await ctx.services.identity.findUser(ctx.identityResource, 'userName', name);
    if (user === undefined) {
      const reason = `no user '${name}' in ${ctx.identityResource}: create the guest account, or set anonymousUserName to one (AM's 'anonymous' is an IDM internal user, never a managed one)`;
      ctx.services.capabilities.get(LEGACY_SOCIAL).reportFailure({ realm: realmOfRequest(ctx.request), provider: 'Anonymous User Mapping', code: 'ANONYMOUS_USER_MISSING', reason });
      return fail();
    }
    ctx.state.shared._id = user._id;
    ctx.state.shared.username = name;
    return goTo('outcome');
  },
});
