/**
 * Persistent Cookie Decision (`PersistentCookieDecisionNode`): `true` when the request carries a
 * persistent cookie (`persistentCookieName`) signed with this node's `hmacSigningKey`, issued in
 * this realm for this identity resource, neither idle longer than its idle timeout nor past its
 * maximum life (and from the same client address when `enforceClientIp`), whose user still
 * exists: the user is then identified (`shared.username`, `shared._id`) and, once the session
 * exists, the cookie is issued again with its idle expiry renewed from `idleTimeout` (its maximum
 * life unchanged). Anything else (no cookie, a tampered or expired one, no key) is `false`.
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../../engine/actions.ts';
import type { NodeAction } from '../../engine/actions.ts';
import { defineNode } from '../../engine/define-node.ts';
import { realmOfRequest } from '../social/realm-of-request.ts';
import { hoursOf, persistentCookieFields, sealedKeyOf } from './persistent-cookie-config.ts';
import { issuePersistentCookie, type PersistentCookieHookData } from './persistent-cookie-issue.ts';
import { PERSISTENT_COOKIE_KEYS } from './persistent-cookie-keys.ts';
import { verifyPersistentCookie } from './persistent-cookie-token.ts';

const TYPE = 'PersistentCookieDecisionNode';

/** Persistent Cookie Decision: does a valid persistent cookie identify the user? */
export const persistentCookieDecisionNode = defineNode({
  type: TYPE,
  displayName: 'Persistent Cookie Decision',
  category: 'utilities',
  description: 'Signs the user in with a valid persistent cookie from an earlier sign-in.',
  config: Type.Object({
    ...persistentCookieFields,
    enforceClientIp: Type.Boolean({ default: false, description: 'The cookie only works from the address it was issued to.' }),
  }),
  secretConfig: ['hmacSigningKey'],
  outcomes: ['true', 'false'],
  async process(ctx): Promise<NodeAction> {
    const { config } = ctx;
    const token = ctx.request.cookie?.(config.persistentCookieName);
    const sealedKey = sealedKeyOf(config.hmacSigningKey, ctx.request, TYPE, ctx.nodeId);
    if (token === undefined || token === '' || sealedKey === undefined) return goTo('false');
    const realm = realmOfRequest(ctx.request);
    const key = ctx.services.capabilities.get(PERSISTENT_COOKIE_KEYS).signingKey(sealedKey, realm);
    const claims = verifyPersistentCookie(token, key, {
      realm,
      res: ctx.identityResource,
      name: config.persistentCookieName,
      now: Math.floor(ctx.services.clock.now() / 1000),
      ...(config.enforceClientIp ? { clientIp: ctx.request.clientIp } : {}),
    });
    if (claims === undefined) return goTo('false');
    const user = await ctx.services.identity.getUser(ctx.identityResource, claims.sub);
    if (user === undefined) return goTo('false');
    ctx.state.shared.username = typeof user.attributes.userName === 'string' ? user.attributes.userName : claims.uid;
    ctx.state.shared._id = user._id;
    const data: PersistentCookieHookData = {
      cookieName: config.persistentCookieName,
      idleHours: hoursOf(config.idleTimeout),
      maxExpiresAt: claims.exp,
      secure: config.useSecureCookie,
      httpOnly: config.useHttpOnlyCookie,
      key: sealedKey,
      realm,
      identityResource: ctx.identityResource,
      clientIp: ctx.request.clientIp,
    };
    ctx.session.addSessionHook({ ...data }, TYPE);
    return goTo('true');
  },
  onSession: issuePersistentCookie,
});
