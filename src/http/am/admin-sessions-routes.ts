/**
 * AM's administrator view of a realm's SSO sessions, under `/am/json` and `/json`, for the root
 * realm (`…/realms/root/sessions`) and its sub-realms (`…/realms/root/realms/<r>/sessions`):
 * - `GET …/sessions?_queryFilter=username eq "bjensen"` lists live sessions, newest first, paged
 *   (`_pageSize`, `_pagedResultsOffset`), with AM's fields and a `sessionHandle` — never the token;
 * - `POST …/sessions?_action=logoutByHandle` with `{"sessionHandles": [...]}` ends those sessions,
 *   answering `{"result": {"<handle>": true|false}}`;
 * - `POST …/sessions?_action=logoutByUser` with `{"username": "…"}` ends every session of the user
 *   (also those the per-user lists missed: the user's session generation is renewed).
 * Callers: administrators, and the realm's own administrators for their realm; 401 or 403 for
 * anyone else. Every other `_action` goes to AM's token-based sessions endpoint as before.
 *
 * The sessions are found through each user's session list (`session-index.ts`): a filter naming
 * one `username` (eq, sw or co) reads the matching users' lists; any other filter reads those of
 * the realm's users, at most `USER_SCAN_LIMIT` of them.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RealmConfig } from '../../config/realm-config.ts';
import { realmPath } from '../../config/realm-config.ts';
import { ID_FIELDS_ONLY } from '../../identity/crest/field-selection.ts';
import { matchesQueryFilter } from '../../identity/query-filter/evaluate-query-filter.ts';
import type { QueryFilter } from '../../identity/query-filter/query-filter.ts';
import type { SsoSession } from '../../sessions/sso-session.ts';
import { sessionExpiresAt } from '../../sessions/sso-session.ts';
import type { AppDeps } from '../app-deps.ts';
import { httpError } from '../errors.ts';
import { requireAdministrator } from '../selfservice/self-service-route.ts';
import { ADMIN_HANDLE_LIMIT, adminHandleOf, parseAdminHandle } from './admin-session-handle.ts';
import { realmRoute, requiredQueryFilter } from './admin-route.ts';
import { sessions } from './sessions-route.ts';
import { universalIdOf } from './universal-id.ts';

/** The most users whose sessions one listing reads. */
export const USER_SCAN_LIMIT = 10_000;
/** The most handles one `logoutByHandle` takes. */
export const HANDLES_LIMIT = 100;
const PAGE_LIMIT = 200;
const DEFAULT_PAGE = 50;
const USER_PAGE = 500;

function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** One session as the listing answers it: AM's fields, then Arbor's (`creationTime`, `tree`, `userId`). */
function answerOf(session: SsoSession): Record<string, unknown> {
  return {
    username: session.username,
    universalId: universalIdOf(session),
    realm: realmPath(session.realm),
    sessionHandle: adminHandleOf(session.userId, session.handle),
    latestAccessTime: iso(session.lastAccessAt),
    maxIdleExpirationTime: iso(sessionExpiresAt(session)),
    maxSessionExpirationTime: iso(session.maxExpiresAt),
    creationTime: iso(session.createdAt),
    tree: session.tree,
    userId: session.userId,
  };
}

/** The `username` comparison a filter requires (alone or inside an `and`), used to read only those users. */
function usernameNarrowing(filter: QueryFilter): { op: 'eq' | 'sw' | 'co'; value: string } | undefined {
  if ((filter.op === 'eq' || filter.op === 'sw' || filter.op === 'co') && filter.field.length === 1 && filter.field[0] === 'username' && typeof filter.value === 'string') {
    return { op: filter.op, value: filter.value };
  }
  if (filter.op === 'and') for (const inner of filter.filters) {
    const found = usernameNarrowing(inner);
    if (found !== undefined) return found;
  }
  return undefined;
}

function count(request: FastifyRequest, name: string, fallback: number, limit: number): number {
  const text = (request.query as Record<string, unknown>)[name];
  if (text === undefined) return fallback;
  if (typeof text !== 'string' || !/^[0-9]{1,9}$/.test(text)) throw httpError(400, `${name} must be a non-negative integer`);
  return Math.min(Number(text), limit);
}

function bodyOf(request: FastifyRequest): Record<string, unknown> {
  const body: unknown = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw httpError(400, 'The request body must be a JSON object');
  return body as Record<string, unknown>;
}

/** The ids of the realm's users the filter may concern. */
async function userIdsOf(deps: AppDeps, realm: RealmConfig, narrowing: { op: 'eq' | 'sw' | 'co'; value: string } | undefined): Promise<string[]> {
  const filter: QueryFilter = narrowing === undefined ? { op: 'true' } : { op: narrowing.op, field: ['userName'], value: narrowing.value };
  const ids: string[] = [];
  for (let offset = 0; offset < USER_SCAN_LIMIT; offset += USER_PAGE) {
    const page = await deps.idm.managedObjects.query(realm.userType, { filter, sortKeys: [], pageSize: USER_PAGE, offset, totalPagedResultsPolicy: 'NONE', fields: ID_FIELDS_ONLY });
    for (const item of page.result) if (typeof item._id === 'string') ids.push(item._id);
    if (page.result.length < USER_PAGE) break;
  }
  return ids.slice(0, USER_SCAN_LIMIT);
}

async function list(deps: AppDeps, realm: RealmConfig, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const filter = requiredQueryFilter(request, 'session');
  const pageSize = count(request, '_pageSize', DEFAULT_PAGE, PAGE_LIMIT) || DEFAULT_PAGE;
  const offset = count(request, '_pagedResultsOffset', 0, Number.MAX_SAFE_INTEGER);
  const found: SsoSession[] = [];
  for (const userId of await userIdsOf(deps, realm, usernameNarrowing(filter))) {
    for (const session of await deps.sessions.sessionsOf(realm.userType, userId)) if (session.realm === realm.name) found.push(session);
  }
  const matching = found
    .sort((a, b) => b.createdAt - a.createdAt || a.handle.localeCompare(b.handle))
    .map(answerOf)
    .filter((answer) => matchesQueryFilter(filter, answer));
  const result = matching.slice(offset, offset + pageSize);
  return reply.send({
    result,
    resultCount: result.length,
    pagedResultsCookie: null,
    totalPagedResultsPolicy: 'EXACT',
    totalPagedResults: matching.length,
    remainingPagedResults: Math.max(0, matching.length - offset - result.length),
  });
}

async function logoutByHandle(deps: AppDeps, realm: RealmConfig, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const handles = bodyOf(request).sessionHandles;
  if (!Object.hasOwn(bodyOf(request), 'sessionHandles') || !Array.isArray(handles) || handles.length === 0 || handles.length > HANDLES_LIMIT) {
    throw httpError(400, `sessionHandles must be a list of 1 to ${HANDLES_LIMIT} session handles`);
  }
  if (!handles.every((handle): handle is string => typeof handle === 'string' && handle.length <= ADMIN_HANDLE_LIMIT)) throw httpError(400, 'Each session handle must be a string (as GET …/sessions answers it)');
  const result: [string, boolean][] = [];
  for (const text of new Set(handles)) {
    const parsed = parseAdminHandle(text);
    result.push([text, parsed === undefined ? false : await deps.sessions.logoutByHandle(realm.userType, parsed.userId, parsed.handle)]);
  }
  return reply.send({ result: Object.fromEntries(result) });
}

async function logoutByUser(deps: AppDeps, realm: RealmConfig, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const body = bodyOf(request);
  const username = Object.hasOwn(body, 'username') ? body.username : undefined;
  if (typeof username !== 'string' || username === '' || username.length > 256) throw httpError(400, 'username must be the user name whose sessions end');
  const [userId] = await userIdsOf(deps, realm, { op: 'eq', value: username });
  if (userId === undefined) throw httpError(404, `No user ${username.slice(0, 64)} in realm ${realmPath(realm.name)}`);
  const listed = await deps.sessions.sessionsOf(realm.userType, userId);
  // At least as long as the longest session of the user may live: the realm's maximum, or longer for sessions made under another setting.
  const rememberMs = Math.max(realm.sessions.maxSessionMinutes * 60_000, ...listed.map((session) => session.maxExpiresAt - session.createdAt));
  await deps.sessions.endSessionsOf(realm.userType, userId, rememberMs);
  return reply.send({ result: true });
}

/** Registers the routes under `/am/json` and `/json`; other `_action`s reach AM's token-based sessions endpoint. */
export function registerAdminSessionsRoutes(app: FastifyInstance, deps: AppDeps): void {
  const admin = realmRoute<RealmConfig>({ requireAdministrator: (request, realm) => requireAdministrator(deps, request, realm), realms: deps.realms });
  const post = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const action = (request.query as Record<string, unknown> | undefined)?._action;
    if (action === 'logoutByHandle') return admin((realm, _name, inner, answer) => logoutByHandle(deps, realm, inner, answer))(request, reply);
    if (action === 'logoutByUser') return admin((realm, _name, inner, answer) => logoutByUser(deps, realm, inner, answer))(request, reply);
    // As the generic AM route: the realm must exist, then the token-based actions.
    const name = (request.params as Record<string, string | undefined>).realm ?? 'root';
    if (!/^[A-Za-z0-9_-]+$/.test(name)) throw httpError(400, `Invalid realm name "${name.slice(0, 64)}"`);
    if ((await deps.realms.get(name)) === undefined) throw httpError(404, `Realm ${name === 'root' ? '/' : `/${name}`} not found`);
    return sessions(deps, request, reply);
  };
  const get = admin((realm, _name, request, reply) => list(deps, realm, request, reply));
  for (const prefix of ['/am/json', '/json']) {
    for (const base of [`${prefix}/realms/root/sessions`, `${prefix}/realms/root/realms/:realm/sessions`]) {
      app.get(base, get);
      app.post(base, post);
      app.post(`${base}/`, post);
    }
  }
}
