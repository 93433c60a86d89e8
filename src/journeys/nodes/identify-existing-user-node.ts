/**
 * Identify Existing User (`IdentifyExistingUserNode`): looks the user up by `identityAttribute`
 * (from objectAttributes, else `username`). When found, the journey knows the user: `_id`,
 * `username` and `objectAttributes.<identifier>` are written, and the user's social aliases are
 * added to `transient.objectAttributes.aliasList`. The samples wire both outcomes to the same
 * node, so that the journey does not reveal whether an account exists. After a social sign-in
 * whose email the provider did not verify (`shared.socialEmailVerified` false) it identifies
 * nobody: an unverified address never claims an account.
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { defineNode } from '../engine/define-node.ts';
import { getObjectAttribute, setObjectAttribute } from '../engine/object-attributes.ts';
import { identityAttributeField } from './config-fields.ts';
import { findIdentifiedUser } from './identified-user.ts';
import { SOCIAL_EMAIL_VERIFIED_KEY } from './social/social-provider-handler-node.ts';

/** Identify Existing User: `true` with the user identified, else `false`. */
export const identifyExistingUserNode = defineNode({
  type: 'IdentifyExistingUserNode',
  displayName: 'Identify Existing User',
  category: 'identity management',
  description: 'Looks up an existing user by an attribute and identifies them in the journey.',
  config: Type.Object({
    identifier: Type.String({ default: 'userName', minLength: 1, description: 'Attribute of the user copied into the journey (its username).' }),
    identityAttribute: identityAttributeField('mail'),
  }),
  outcomes: ['true', 'false'],
  async process(ctx): Promise<NodeAction> {
    // A social identity whose email the provider did not verify never claims an account.
    if (ctx.state.shared[SOCIAL_EMAIL_VERIFIED_KEY] === false) return goTo('false');
    const user = await findIdentifiedUser(ctx, ctx.config.identityAttribute);
    if (user === undefined) return goTo('false');
    const { identifier } = ctx.config;
    const value = user.attributes[identifier];
    const fallback = user.attributes['userName'];
    ctx.state.shared['_id'] = user._id;
    const username = typeof value === 'string' && value !== '' ? value : fallback;
    if (typeof username === 'string' && username !== '') ctx.state.shared['username'] = username;
    if (value !== undefined && value !== null) setObjectAttribute(ctx.state, identifier, value, { secret: false });
    const aliases = user.attributes['aliasList'];
    if (Array.isArray(aliases) && aliases.length > 0) {
      const known = getObjectAttribute({ shared: {}, transient: ctx.state.transient }, 'aliasList');
      const merged = [...(Array.isArray(known) ? known : [])];
      for (const alias of aliases) if (!merged.includes(alias)) merged.push(alias);
      setObjectAttribute(ctx.state, 'aliasList', merged, { secret: true });
    }
    return goTo('true');
  },
});
