/**
 * `POST …/json/realms/…/sessions?_action=validate|getSessionInfo|getSessionInfoAndResetIdleTime|refresh|getSessionProperties|logout`
 * as AM answers them. The token comes from the body (`tokenId`), the `<cookieName>` header or the cookie.
 * Session information carries the session's properties (those journey nodes set, such as Set
 * Session Properties', with `AMCtxId` and AM's `AuthLevel`) and, beside AM's fields, `authLevel`
 * as a number; `getSessionProperties` answers the properties alone, as AM's allow-listed ones.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { realmPath } from '../../config/realm-config.ts';
import type { SsoSession } from '../../sessions/sso-session.ts';
import { sessionExpiresAt } from '../../sessions/sso-session.ts';
import type { AppDeps } from '../app-deps.ts';
import { clearSessionCookie } from '../cookies.ts';
import { persistentCookieClears } from '../persistent-cookie-clears.ts';
import { httpError } from '../errors.ts';
import { sessionTokenOf } from '../session-token.ts';
import { universalIdOf } from './universal-id.ts';

function tokenOf(deps: AppDeps, request: FastifyRequest): string | undefined {
  const body = request.body;
  if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) throw httpError(400, 'The request body must be a JSON object');
  const fromBody = (body as Record<string, unknown> | undefined)?.tokenId;
  if (fromBody !== undefined && typeof fromBody !== 'string') throw httpError(400, 'tokenId must be a string');
  return fromBody || sessionTokenOf(request, deps.settings.cookieName);
}

function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function sessionInfo(session: SsoSession): Record<string, unknown> {
  return {
    username: session.username,
    universalId: universalIdOf(session),
    realm: realmPath(session.realm),
    latestAccessTime: iso(session.lastAccessAt),
    maxIdleExpirationTime: iso(sessionExpiresAt(session)),
    maxSessionExpirationTime: iso(session.maxExpiresAt),
    authLevel: session.authLevel,
    properties: propertiesOf(session),
  };
}

/** The session's properties as AM shows them: the nodes' ones, then AM's own (which they never replace). */
function propertiesOf(session: SsoSession): Record<string, string> {
  return { ...session.properties, AMCtxId: session.handle, AuthLevel: String(session.authLevel) };
}

/** Handles the sessions endpoint. */
export async function sessions(deps: AppDeps, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const action = (request.query as Record<string, unknown> | undefined)?._action;
  if (typeof action !== 'string') throw httpError(400, 'The _action query parameter is required (validate, getSessionInfo, refresh or logout)');
  const token = tokenOf(deps, request);
  const denied = httpError(401, 'Access Denied');
  switch (action) {
    case 'validate': {
      const session = token === undefined ? undefined : await deps.sessions.validate(token);
      if (session === undefined) return reply.send({ valid: false });
      return reply.send({ valid: true, sessionUid: session.handle, uid: session.username, realm: realmPath(session.realm) });
    }
    case 'getSessionInfo':
    case 'getSessionInfoAndResetIdleTime':
    case 'refresh': {
      const touch = action !== 'getSessionInfo';
      const session = token === undefined ? undefined : await deps.sessions.validate(token, { touch });
      if (session === undefined) throw denied;
      return reply.send(sessionInfo(session));
    }
    case 'getSessionProperties': {
      const session = token === undefined ? undefined : await deps.sessions.validate(token);
      if (session === undefined) throw denied;
      return reply.send(propertiesOf(session));
    }
    case 'logout': {
      const session = token === undefined ? undefined : await deps.sessions.validate(token);
      if (token === undefined || session === undefined || !(await deps.sessions.logout(token))) throw denied;
      const persistent = persistentCookieClears(request.headers.cookie, session.userId, deps.settings.secureCookie || request.protocol === 'https');
      reply.header('Set-Cookie', [clearSessionCookie(deps.settings), ...persistent]);
      return reply.send({ result: 'Successfully logged out' });
    }
    default:
      throw httpError(400, `Unknown _action ${action}; use validate, getSessionInfo, getSessionInfoAndResetIdleTime, refresh, getSessionProperties or logout`);
  }
}
