/**
 * IDM's relationship endpoints: `/openidm/managed/<type>/<id>/<property>` (GET `_queryFilter=true`
 * lists the edges; POST `{_ref}`, with or without `_action=create`, adds one) and
 * `…/<property>/<edge id>` (GET, DELETE). Administrators of the object's realm change them; an end
 * user reads the viewable relationships of their own object.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { crestError } from '../../identity/crest/errors.ts';
import type { RelationshipService } from '../../identity/relationships/relationship-service.ts';
import type { AppDeps } from '../app-deps.ts';
import { httpError } from '../errors.ts';
import { authorizeManaged, forbidden, mayAdminister, realmOfManagedType } from './authorize.ts';
import { crestRoute } from './crest-route.ts';
import type { CrestRouteContext } from './crest-route.ts';
import { etagOf, methodNotAllowed, queryParams } from './crest-request.ts';

const NAME = /^[A-Za-z0-9_-]+$/;

function pathOf(request: FastifyRequest): { type: string; id: string; property: string; edge: string | undefined } {
  const params = request.params as Record<string, string | undefined>;
  const type = params.type ?? '';
  const property = params.property ?? '';
  if (!NAME.test(type) || !NAME.test(property)) throw httpError(404, `Resource 'managed/${type}' not found`);
  return { type, id: params.id ?? '', property, edge: params.edge };
}

function serviceOf(deps: AppDeps): RelationshipService {
  const relationships = deps.idm.relationships;
  if (relationships === undefined) throw httpError(404, 'Relationships are not served here');
  return relationships;
}

async function mayRead(deps: AppDeps, context: CrestRouteContext, type: string, id: string, property: string): Promise<void> {
  const schema = async () => (await deps.idm.identity.schema(type)).schema;
  const access = await authorizeManaged(context.caller, 'read', { type, id, schema }, undefined, async () => false);
  if (access.readable !== undefined && !access.readable(property)) throw forbidden();
}

async function handle(deps: AppDeps, context: CrestRouteContext): Promise<FastifyReply> {
  const { request, reply, caller } = context;
  const { type, id, property, edge } = pathOf(request);
  const relationships = serviceOf(deps);
  if (request.method === 'GET' || request.method === 'HEAD') {
    await mayRead(deps, context, type, id, property);
    if (edge !== undefined) {
      const resource = await relationships.read(type, id, property, edge);
      return reply.header('ETag', etagOf(resource._rev)).send(resource);
    }
    const filter = queryParams(request)._queryFilter;
    if (filter !== undefined && filter !== 'true') throw crestError('BAD_REQUEST', 'A relationship list answers _queryFilter=true only');
    const result = await relationships.list(type, id, property);
    return reply.send({ result, resultCount: result.length, pagedResultsCookie: null, totalPagedResultsPolicy: 'NONE', totalPagedResults: -1, remainingPagedResults: -1 });
  }
  if (!mayAdminister(caller, realmOfManagedType(type))) throw forbidden();
  if (request.method === 'POST' && edge === undefined) {
    const action = queryParams(request)._action;
    if (action !== undefined && action !== 'create') throw httpError(400, `Unsupported action ${action}; use create`);
    const created = await relationships.add(type, id, property, request.body);
    return reply.code(201).header('ETag', etagOf(created._rev)).send(created);
  }
  if (request.method === 'DELETE' && edge !== undefined) return reply.send(await relationships.remove(type, id, property, edge));
  throw methodNotAllowed(request);
}

/** Registers the relationship routes (under the `/openidm` prefix). */
export function registerRelationshipRoutes(scope: FastifyInstance, deps: AppDeps): void {
  const handler = crestRoute(deps, (context) => handle(deps, context));
  scope.route({ method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], url: '/managed/:type/:id/:property', handler });
  scope.route({ method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], url: '/managed/:type/:id/:property/:edge', handler });
}
