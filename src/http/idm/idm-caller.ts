/**
 * Who is calling the IDM REST API: a live SSO session (the session cookie, or the header named
 * after it), or `X-OpenIDM-Username`/`X-OpenIDM-Password` checked against the root realm's users
 * through the credential guard (unknown users cost and answer the same as wrong passwords;
 * failures count toward the lockout and the client address's throttle, 429 past it;
 * administrators are throttled per client address, never locked). Nobody else gets in: 401
 * "Access Denied". Auditors (`internal/role/auditor`, `realm-auditor-<r>`) are administrators
 * (of everything, of realm r) for requests that only read, and end users for the rest.
 */
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { ADMIN_REALM, ADMINISTRATOR_NAMES } from '../../identity/administrators.ts';
import { httpError } from '../errors.ts';
import { AUDITOR, OPENIDM_ADMIN, realmOfAdminRole, realmOfAuditorRole } from '../../identity/relationships/internal-roles.ts';
import { sessionTokenOf } from '../session-token.ts';

/** The bootstrap administrator; the only IDM administrator for now (`identity/administrators.ts`). */
export const IDM_ADMINISTRATORS: readonly string[] = ADMINISTRATOR_NAMES;

/** The realm whose users may authenticate with `X-OpenIDM-*` headers, and whose `amadmin` administers. */
export { ADMIN_REALM };

/** How a caller proved who they are: an SSO session, or `X-OpenIDM-Username`/`X-OpenIDM-Password`. */
export type IdmCredential = 'session' | 'headers';

/** An authenticated caller: an administrator, or an end user (their managed type and id). */
export type IdmCaller =
  | { kind: 'admin'; username: string; authenticatedBy: IdmCredential; auditor?: true }
  | { kind: 'user'; type: string; id: string; username: string; authenticatedBy: IdmCredential; administers?: readonly string[]; internalRoles?: readonly string[] };

/** Actions of the admin REST that only read (node types, their schemas and outcomes, the providers' list). */
const READ_ACTIONS = new Set(['getAllTypes', 'schema', 'template', 'listOutcomes', 'nextdescendents']);

/** True when `request` only reads: a GET or HEAD, or a POST whose `_action` only reads. */
export function isReadRequest(request: FastifyRequest): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return true;
  const query: unknown = request.query;
  const action = typeof query === 'object' && query !== null && Object.hasOwn(query, '_action') ? (query as Record<string, unknown>)._action : undefined;
  return request.method === 'POST' && typeof action === 'string' && READ_ACTIONS.has(action);
}

/** The 401 every unauthenticated request gets. */
export function accessDenied(): Error {
  return httpError(401, 'Access Denied');
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

async function callerOf(deps: AppDeps, realm: string, username: string, type: string, id: string, authenticatedBy: IdmCredential, reading: boolean): Promise<IdmCaller> {
  if (realm === ADMIN_REALM && IDM_ADMINISTRATORS.includes(username)) return { kind: 'admin', username, authenticatedBy };
  // Internal authorization roles (`authzRoles`): openidm-admin of a root-realm user administers
  // everything; realm-admin-<r> administers realm r (held by a user of the root realm or of r);
  // the auditor roles do the same for requests that only read.
  const roles = deps.idm.relationships === undefined ? [] : await deps.idm.relationships.internalRolesOf(type, id);
  if (realm === ADMIN_REALM && roles.includes(OPENIDM_ADMIN)) return { kind: 'admin', username, authenticatedBy };
  if (realm === ADMIN_REALM && reading && roles.includes(AUDITOR)) return { kind: 'admin', username, authenticatedBy, auditor: true };
  const administers = roles.flatMap((role) => {
    const administered = realmOfAdminRole(role) ?? (reading ? realmOfAuditorRole(role) : undefined);
    return administered !== undefined && (realm === ADMIN_REALM || realm === administered) ? [administered] : [];
  });
  return { kind: 'user', type, id, username, authenticatedBy, ...(administers.length > 0 ? { administers } : {}), ...(roles.length > 0 ? { internalRoles: roles } : {}) };
}

async function fromHeaders(deps: AppDeps, request: FastifyRequest, username: string, password: string): Promise<IdmCaller> {
  const realm = await deps.realms.get(ADMIN_REALM);
  if (realm === undefined) throw accessDenied();
  const type = realm.userType;
  const check = await deps.idm.passwords.checkPassword(type, username, password, request.ip);
  if (check.outcome !== 'verified') throw accessDenied();
  const user = check.user;
  await deps.idm.lockout.recordSuccess(`managed/${type}`, user._id);
  const storedName = user.attributes.userName;
  return callerOf(deps, ADMIN_REALM, typeof storedName === 'string' ? storedName : username, type, user._id, 'headers', isReadRequest(request));
}

/** The caller of `request`; 401 Access Denied when there is none. */
export async function resolveCaller(deps: AppDeps, request: FastifyRequest): Promise<IdmCaller> {
  const username = header(request, 'x-openidm-username');
  if (username !== undefined) {
    const password = header(request, 'x-openidm-password');
    if (password === undefined) throw accessDenied();
    return fromHeaders(deps, request, username, password);
  }
  const token = sessionTokenOf(request, deps.settings.cookieName);
  const session = token === undefined ? undefined : await deps.sessions.validate(token, { touch: true });
  if (session === undefined) throw accessDenied();
  return callerOf(deps, session.realm, session.username, session.userType, session.userId, 'session', isReadRequest(request));
}
