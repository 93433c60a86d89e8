/**
 * `/openidm/managed/<type>` (query, `?_action=create`, `?_action=patch&_queryFilter=…`) and
 * `/openidm/managed/<type>/<id>` (read, PUT, PATCH, DELETE, and `POST ?_action=unlock`, which ends
 * an account lockout, for administrators) as IDM answers them: 201 + `Location` on creates, `ETag`
 * on every resource, 304 for a matching `If-None-Match` on reads.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CrestAccess } from '../../identity/crest/crest-access.ts';
import { parseFieldSelection } from '../../identity/crest/field-selection.ts';
import { parsePatchOperations } from '../../identity/crest/patch-operations.ts';
import { parseQueryRequest } from '../../identity/crest/query-request.ts';
import type { AppDeps } from '../app-deps.ts';
import { httpError } from '../errors.ts';
import type { ManagedOperation } from './authorize.ts';
import { authorizeManaged, REAUTH_HEADER } from './authorize.ts';
import { crestRoute } from './crest-route.ts';
import type { CrestRouteContext } from './crest-route.ts';
import { etagOf, headerOf, methodNotAllowed, preconditionOf, queryParams, sendResource } from './crest-request.ts';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const TYPE_NAME = /^[A-Za-z0-9_-]+$/;

function typeOf(request: FastifyRequest): string {
  const type = (request.params as Record<string, string | undefined>).type ?? '';
  if (!TYPE_NAME.test(type)) throw httpError(404, `Resource 'managed/${type}' not found`);
  return type;
}

async function accessFor(deps: AppDeps, context: CrestRouteContext, operation: ManagedOperation, type: string, id?: string): Promise<CrestAccess> {
  const { caller, request } = context;
  // Through the credential guard: a locked account is refused unverified, a burst verifies no more than the lockout allows.
  const reauth = async (password: string): Promise<boolean> => {
    if (caller.kind !== 'user') return false;
    return (await deps.idm.passwords.checkUserPassword(caller.type, caller.id, password, request.ip)).outcome === 'verified';
  };
  const target = { type, schema: async () => (await deps.idm.identity.schema(type)).schema, ...(id === undefined ? {} : { id }) };
  return authorizeManaged(caller, operation, target, headerOf(request, REAUTH_HEADER), reauth);
}

function locationOf(request: FastifyRequest, type: string, id: string): string {
  return `${request.protocol}://${request.host}/openidm/managed/${type}/${encodeURIComponent(id)}`;
}

async function onCollection(deps: AppDeps, context: CrestRouteContext): Promise<FastifyReply> {
  const { request, reply } = context;
  const type = typeOf(request);
  const params = queryParams(request);
  const service = deps.idm.managedObjects;
  if (request.method === 'GET' || request.method === 'HEAD') {
    const access = await accessFor(deps, context, 'query', type);
    return reply.send(await service.query(type, parseQueryRequest(params), { access }));
  }
  if (request.method !== 'POST') throw methodNotAllowed(request);
  const { _action: action, ...queryOnly } = params;
  if (action === 'create') {
    const access = await accessFor(deps, context, 'create', type);
    const created = await service.create(type, request.body, { access, fields: parseFieldSelection(params._fields) });
    return sendResource(reply.header('Location', locationOf(request, type, created.id)), created, 201);
  }
  if (action === 'patch') {
    const access = await accessFor(deps, context, 'patchByQuery', type);
    const patched = await service.patchByQuery(type, parseQueryRequest(queryOnly), parsePatchOperations(request.body), { access });
    return reply.send(patched.map((resource) => resource.body));
  }
  throw httpError(400, action === undefined ? 'POST on a managed collection needs _action=create or _action=patch' : `Unsupported action ${action}; use create or patch`);
}

async function onObject(deps: AppDeps, context: CrestRouteContext): Promise<FastifyReply> {
  const { request, reply } = context;
  const type = typeOf(request);
  const id = (request.params as Record<string, string | undefined>).id ?? '';
  const params = queryParams(request);
  const fields = parseFieldSelection(params._fields);
  const service = deps.idm.managedObjects;
  const ifMatch = preconditionOf(request, 'if-match');
  switch (request.method) {
    case 'GET':
    case 'HEAD': {
      const access = await accessFor(deps, context, 'read', type, id);
      const resource = await service.read(type, id, { fields, access });
      const ifNoneMatch = preconditionOf(request, 'if-none-match');
      if (ifNoneMatch === '*' || ifNoneMatch === resource.rev) return reply.code(304).header('ETag', etagOf(resource.rev)).send();
      return sendResource(reply, resource);
    }
    case 'PUT': {
      const access = await accessFor(deps, context, 'update', type, id);
      const ifNoneMatch = preconditionOf(request, 'if-none-match');
      const options = { fields, access, ...(ifMatch === undefined ? {} : { ifMatch }), ...(ifNoneMatch === undefined ? {} : { ifNoneMatch }) };
      const { created, ...resource } = await service.update(type, id, request.body, options);
      if (created) reply.header('Location', locationOf(request, type, id));
      return sendResource(reply, resource, created ? 201 : 200);
    }
    case 'PATCH': {
      const access = await accessFor(deps, context, 'patch', type, id);
      const operations = parsePatchOperations(request.body);
      return sendResource(reply, await service.patch(type, id, operations, { fields, access, ...(ifMatch === undefined ? {} : { ifMatch }) }));
    }
    case 'DELETE': {
      const access = await accessFor(deps, context, 'delete', type, id);
      return sendResource(reply, await service.delete(type, id, { fields, access, ...(ifMatch === undefined ? {} : { ifMatch }) }));
    }
    case 'POST':
      if (params._action === 'unlock') {
        // Administrators only, as a delete is: end users get 403.
        const access = await accessFor(deps, context, 'delete', type, id);
        if ((await deps.idm.lockout.unlock(type, id)) === undefined) throw httpError(404, `Object ${id} not found in managed/${type}`);
        return sendResource(reply, await service.read(type, id, { fields, access }));
      }
      await accessFor(deps, context, 'update', type, id);
      throw httpError(400, `Unsupported action ${params._action ?? '(none)'} on a managed object; the only one is unlock`);
    default:
      throw methodNotAllowed(request);
  }
}

/** Registers the managed object routes (under the `/openidm` prefix). */
export function registerManagedRoutes(scope: FastifyInstance, deps: AppDeps): void {
  scope.route({ method: METHODS, url: '/managed/:type', handler: crestRoute(deps, (context) => onCollection(deps, context)) });
  scope.route({ method: METHODS, url: '/managed/:type/:id', handler: crestRoute(deps, (context) => onObject(deps, context)) });
}
