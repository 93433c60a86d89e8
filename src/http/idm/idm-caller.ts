/**
 * Who is calling the IDM REST API: a live SSO session (the session cookie, or the header named
 * after it), or `X-OpenIDM-Username`/`X-OpenIDM-Password` checked against the root realm's users
 * (unknown users cost the same as wrong passwords; failures count toward the lockout). Nobody
 * else gets in: 401 "Access Denied".
 */
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { httpError } from '../errors.ts';
import { sessionTokenOf } from '../session-token.ts';

/** The bootstrap administrator; the only IDM administrator for now. */
export const IDM_ADMINISTRATORS: readonly string[] = ['amadmin'];

/** The realm whose users may authenticate with `X-OpenIDM-*` headers, and whose `amadmin` administers. */
export const ADMIN_REALM = 'root';

/** An authenticated caller: an administrator, or an end user (their managed type and id). */
export type IdmCaller = { kind: 'admin'; username: string } | { kind: 'user'; type: string; id: string; username: string };

/** The 401 every unauthenticated request gets. */
export function accessDenied(): Error {
  return httpError(401, 'Access Denied');
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function callerOf(realm: string, username: string, type: string, id: string): IdmCaller {
  if (realm === ADMIN_REALM && IDM_ADMINISTRATORS.includes(username)) return { kind: 'admin', username };
  return { kind: 'user', type, id, username };
}

async function fromHeaders(deps: AppDeps, username: string, password: string): Promise<IdmCaller> {
  const realm = await deps.realms.get(ADMIN_REALM);
  if (realm === undefined) throw accessDenied();
  const type = realm.userType;
  const resource = `managed/${type}`;
  const result = await deps.idm.identity.authenticate(type, username, password);
  if (!result.ok) {
    const matches = await deps.idm.identity.findByAttribute(type, 'userName', username, 2);
    const [user] = matches;
    if (matches.length === 1 && user !== undefined) await deps.idm.lockout.recordFailure(resource, user._id);
    throw accessDenied();
  }
  const user = result.user;
  if (await deps.idm.lockout.isLocked(resource, user._id)) throw accessDenied();
  await deps.idm.lockout.recordSuccess(resource, user._id);
  const storedName = user.attributes.userName;
  return callerOf(ADMIN_REALM, typeof storedName === 'string' ? storedName : username, type, user._id);
}

/** The caller of `request`; 401 Access Denied when there is none. */
export async function resolveCaller(deps: AppDeps, request: FastifyRequest): Promise<IdmCaller> {
  const username = header(request, 'x-openidm-username');
  if (username !== undefined) {
    const password = header(request, 'x-openidm-password');
    if (password === undefined) throw accessDenied();
    return fromHeaders(deps, username, password);
  }
  const token = sessionTokenOf(request, deps.settings.cookieName);
  const session = token === undefined ? undefined : await deps.sessions.validate(token, { touch: true });
  if (session === undefined) throw accessDenied();
  return callerOf(session.realm, session.username, session.userType, session.userId);
}
