/**
 * Identity Store Decision (`IdentityStoreDecisionNode`): AM's LDAP-style check of
 * `shared.username` and `transient.password`, here against the journey's identity resource through
 * the same credential guard as Data Store Decision (`checkStateCredentials`: an attempt reserved
 * against the realm lockout and the client's throttle before anything is verified). Unlike Data
 * Store Decision it names a locked account: `LOCKED`. Arbor's passwords do not expire and need no
 * directory-driven change, so `EXPIRED` and `CANCELLED` (AM's password-change prompts) are declared
 * for imported trees but never taken; `minimumPasswordLength` and
 * `mixedCaseForPasswordChangeMessages` only configure those prompts. With
 * `useUniversalIdForUsername`, `shared.username` becomes the user's universal id.
 */
import { recordAuthMethod } from '../../engine/auth-methods.ts';
import { Type } from '@sinclair/typebox';
import { goTo } from '../../engine/actions.ts';
import type { NodeAction } from '../../engine/actions.ts';
import { defineNode } from '../../engine/define-node.ts';
import { checkStateCredentials, identifyVerifiedUser, LOCKED_OUT_MESSAGE, wrongPasswordMessage } from '../data-store-decision-node.ts';

/** AM's universal id of a user of `realm` (`/alpha` → `o=alpha`; the root realm is `o=root`). */
export function universalId(username: string, realm: string): string {
  const name = realm === '/' || realm === '' ? 'root' : realm.replace(/^\//, '');
  return `id=${username},ou=user,o=${name},ou=services,ou=am-config`;
}

/** Identity Store Decision: `TRUE`, `FALSE` or `LOCKED` (`CANCELLED`, `EXPIRED` never in Arbor). */
export const identityStoreDecisionNode = defineNode({
  type: 'IdentityStoreDecisionNode',
  displayName: 'Identity Store Decision',
  category: 'basic authentication',
  description: 'Checks the username and password against the identity store and reports a locked account.',
  config: Type.Object({
    minimumPasswordLength: Type.Integer({ default: 8, minimum: 0, description: 'Minimum length of a changed password (password-change prompts; not used by Arbor).' }),
    useUniversalIdForUsername: Type.Boolean({ default: false, description: "Replace the username in shared state by the user's universal id." }),
    mixedCaseForPasswordChangeMessages: Type.Boolean({ default: false, description: 'Case of the password-change messages (not used by Arbor).' }),
  }),
  outcomes: ['TRUE', 'FALSE', 'LOCKED', 'CANCELLED', 'EXPIRED'],
  async process(ctx): Promise<NodeAction> {
    const check = await checkStateCredentials(ctx);
    if (check === undefined) return goTo('FALSE');
    if (check.outcome === 'locked') return goTo('LOCKED', { errorMessage: LOCKED_OUT_MESSAGE });
    if (check.outcome === 'wrong') return goTo('FALSE', wrongPasswordMessage(check.remaining));
    identifyVerifiedUser(ctx, check.user);
    const username = ctx.state.shared['username'];
    if (ctx.config.useUniversalIdForUsername && typeof username === 'string') ctx.state.shared['username'] = universalId(username, ctx.request.realm);
    recordAuthMethod(ctx.state, 'pwd');
    return goTo('TRUE');
  },
});
