/**
 * The audit over HTTP, in IDM's shape: `GET /openidm/audit/<topic>?_queryFilter=…&_pageSize=…
 * &_pagedResultsOffset=…&_sortKeys=-timestamp&_totalPagedResultsPolicy=EXACT` for administrators
 * (a realm administrator sees only the events of the realms they administer). Also the two
 * hooks that feed the audit: every request runs in an audit context (request id, client address,
 * the caller read on first use), and every answered request is an `access` event (method, route
 * pattern, status, time; never the query string, headers or body).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditContext } from '../../audit/audit-context.ts';
import { runWithAuditContext } from '../../audit/audit-context.ts';
import { AUDIT_TOPICS, type AuditActor, isAuditTopic } from '../../audit/audit-event.ts';
import { isAuditError } from '../../audit/audit-errors.ts';
import type { AuditPaging, AuditService } from '../../audit/audit-service.ts';
import type { QueryFilter } from '../../identity/query-filter/query-filter.ts';
import type { AppDeps } from '../app-deps.ts';
import { requiredQueryFilter } from '../am/admin-route.ts';
import { httpError } from '../errors.ts';
import { resolveCaller } from '../idm/idm-caller.ts';
import { forbidden } from '../idm/authorize.ts';
import { sessionTokenOf } from '../session-token.ts';

/** What the routes need. */
export type AuditRouteDeps = Pick<AppDeps, 'sessions' | 'settings'> & Parameters<typeof resolveCaller>[0] & { audit?: AuditService };

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && value !== '' ? value.slice(0, 256) : undefined;
}

/** Who is calling, as the audit names them: the session's user, else the `X-OpenIDM-Username` the route checked. */
async function actorOf(deps: AuditRouteDeps, request: FastifyRequest): Promise<AuditActor | undefined> {
  const token = sessionTokenOf(request, deps.settings.cookieName);
  const session = token === undefined ? undefined : await deps.sessions.validate(token);
  if (session !== undefined) return { realm: session.realm, username: session.username, userId: session.userId };
  const username = headerValue(request, 'x-openidm-username');
  return username === undefined ? undefined : { realm: 'root', username };
}

function contextOf(deps: AuditRouteDeps, request: FastifyRequest): AuditContext {
  let actor: Promise<AuditActor | undefined> | undefined;
  return {
    transactionId: String(request.id),
    clientIp: request.ip,
    actor: () => (actor ??= actorOf(deps, request).catch(() => undefined)),
    seen: new Map(),
  };
}

function whole(query: Record<string, unknown>, name: string): number | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{1,7}$/.test(value)) throw httpError(400, `${name} must be a whole number`);
  return Number(value);
}

/** `_totalPagedResultsPolicy`: NONE (the default) or EXACT, as CREST names them; ESTIMATE is refused as IDM does. */
function exactTotal(query: Record<string, unknown>): boolean {
  const policy = query._totalPagedResultsPolicy;
  if (policy === undefined || policy === 'NONE') return false;
  if (policy === 'EXACT') return true;
  if (policy === 'ESTIMATE') throw httpError(400, '_totalPagedResultsPolicy=ESTIMATE is not supported (as in IDM); use NONE or EXACT');
  throw httpError(400, '_totalPagedResultsPolicy must be NONE or EXACT');
}

function pagingOf(query: Record<string, unknown>): AuditPaging {
  const sortKeys = query._sortKeys;
  if (sortKeys !== undefined && sortKeys !== 'timestamp' && sortKeys !== '-timestamp') throw httpError(400, '_sortKeys must be timestamp or -timestamp');
  const pageSize = whole(query, '_pageSize');
  const offset = whole(query, '_pagedResultsOffset');
  return { ...(pageSize === undefined || pageSize === 0 ? {} : { pageSize }), ...(offset === undefined ? {} : { offset }), ascending: sortKeys === 'timestamp', exactTotal: exactTotal(query) };
}

/** The filter a realm administrator's query runs with: theirs, and only their realms' events. */
function withinRealms(filter: QueryFilter, realms: readonly string[]): QueryFilter {
  return { op: 'and', filters: [filter, { op: 'in', field: ['realm'], values: [...realms] }] };
}

async function queryAudit(deps: AuditRouteDeps, audit: AuditService, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const caller = await resolveCaller(deps, request);
  const topic = (request.params as Record<string, string | undefined>).topic ?? '';
  const realms = caller.kind === 'admin' ? undefined : (caller.administers ?? []);
  if (realms !== undefined && realms.length === 0) throw forbidden();
  if (!isAuditTopic(topic)) throw httpError(404, `Audit topic ${topic.slice(0, 64)} not found: the topics are ${AUDIT_TOPICS.join(', ')}`);
  const query = (request.query ?? {}) as Record<string, unknown>;
  const filter = requiredQueryFilter(request, `${topic} event`);
  const paging = pagingOf(query);
  try {
    const onlyRealm = realms?.length === 1 ? { realm: realms[0] ?? '' } : {};
    const result = await audit.query(topic, { filter: realms === undefined ? filter : withinRealms(filter, realms), ...onlyRealm }, paging);
    return reply.send(result);
  } catch (error) {
    if (isAuditError(error)) throw httpError(400, error.message);
    throw error;
  }
}

/** Registers the audit hooks and `GET /openidm/audit/:topic`; nothing without an audit service. */
export function registerAuditRoutes(app: FastifyInstance, deps: AuditRouteDeps): void {
  const { audit } = deps;
  if (audit === undefined) return;
  app.addHook('preHandler', (request, _reply, done) => runWithAuditContext(contextOf(deps, request), done));
  // An access event per request only when it goes somewhere: nothing is built on the hot path for nothing.
  if (audit.keepsAccess) app.addHook('onResponse', (request, reply, done) => {
    audit.record({
      topic: 'access',
      method: request.method,
      route: request.routeOptions.url ?? '(no route)',
      status: reply.statusCode,
      elapsedMs: Math.round(reply.elapsedTime),
      clientIp: request.ip,
      transactionId: String(request.id),
    });
    done();
  });
  app.get('/openidm/audit/:topic', (request, reply) => queryAudit(deps, audit, request, reply));
}
