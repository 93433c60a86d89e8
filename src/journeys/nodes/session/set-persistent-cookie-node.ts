/**
 * Set Persistent Cookie (`SetPersistentCookieNode`): once the journey succeeds and its session
 * exists, the success answer sets a persistent cookie (`persistentCookieName`, `session-jwt`)
 * holding a token signed with a key derived from `hmacSigningKey`, naming the user, the realm,
 * an idle expiry (`idleTimeout`, hours) and a maximum life (`maxLife`, hours). A Persistent Cookie
 * Decision node with the same key then signs the user in without a password. Nothing is set when
 * the journey makes no session (`noSession`), as in AM. A node without a key fails the journey
 * (an exported journey carries no key: set it again after an import).
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../../engine/actions.ts';
import type { NodeAction } from '../../engine/actions.ts';
import { defineNode } from '../../engine/define-node.ts';
import { journeyError } from '../../engine/errors.ts';
import { realmOfRequest } from '../social/realm-of-request.ts';
import { hours, hoursOf, persistentCookieFields, sealedKeyOf } from './persistent-cookie-config.ts';
import { issuePersistentCookie, type PersistentCookieHookData } from './persistent-cookie-issue.ts';

const TYPE = 'SetPersistentCookieNode';

/** Set Persistent Cookie: arranges the cookie for the session, then `outcome`. */
export const setPersistentCookieNode = defineNode({
  type: TYPE,
  displayName: 'Set Persistent Cookie',
  category: 'utilities',
  description: 'Sets a signed cookie that signs the user in again later, without a password.',
  config: Type.Object({
    ...persistentCookieFields,
    maxLife: hours(5, 'Hours after which the cookie no longer signs the user in, used or not.'),
  }),
  secretConfig: ['hmacSigningKey'],
  outcomes: ['outcome'],
  process(ctx): NodeAction {
    const key = sealedKeyOf(ctx.config.hmacSigningKey, ctx.request, TYPE, ctx.nodeId);
    if (key === undefined) throw journeyError('TREE_INVALID', `node ${ctx.nodeId} (${TYPE}) has no HMAC signing key`);
    const data: PersistentCookieHookData = {
      cookieName: ctx.config.persistentCookieName,
      idleHours: hoursOf(ctx.config.idleTimeout),
      maxLifeHours: hoursOf(ctx.config.maxLife),
      secure: ctx.config.useSecureCookie,
      httpOnly: ctx.config.useHttpOnlyCookie,
      key,
      realm: realmOfRequest(ctx.request),
      identityResource: ctx.identityResource,
      clientIp: ctx.request.clientIp,
    };
    ctx.session.addSessionHook({ ...data }, TYPE);
    return goTo('outcome');
  },
  onSession: issuePersistentCookie,
});
