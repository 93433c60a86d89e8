/**
 * IDM's policy service over REST: `GET /openidm/policy` (every managed type), `GET
 * /openidm/policy/managed/<type>[/<id>]` (one resource policy object) and `POST
 * /openidm/policy/managed/<type>/<id|*>?_action=validateObject|validateProperty`.
 */
import { hasNul } from '../../json/nul-characters.ts';
import type { FastifyInstance } from 'fastify';
import { isJsonObject } from '../../identity/crest/json-pointer.ts';
import type { AppDeps } from '../app-deps.ts';
import { httpError } from '../errors.ts';
import { authorizePolicyRead, authorizePolicyValidation, requireAdmin } from './authorize.ts';
import { crestRoute } from './crest-route.ts';
import { methodNotAllowed, queryParams } from './crest-request.ts';

const ACTIONS = ['validateObject', 'validateProperty'];

function objectBody(body: unknown): Record<string, unknown> {
  if (!isJsonObject(body)) throw httpError(400, 'The request body must be a JSON object');
  return body;
}

/**
 * validateProperty's body: `{prop: value, …}`; IDM 7's `{object, properties}` form is read too
 * when the schema has no property named `properties`.
 */
function propertiesToValidate(body: Record<string, unknown>, schemaHasProperties: boolean): { properties: Record<string, unknown>; fullObject: Record<string, unknown> } {
  const keys = Object.keys(body);
  const wrapped = !schemaHasProperties && isJsonObject(body.properties) && keys.every((key) => key === 'object' || key === 'properties');
  if (!wrapped) return { properties: body, fullObject: body };
  const properties = body.properties as Record<string, unknown>;
  return { properties, fullObject: { ...(isJsonObject(body.object) ? body.object : {}), ...properties } };
}

/** Registers the policy routes (under the `/openidm` prefix). */
export function registerPolicyRoutes(scope: FastifyInstance, deps: AppDeps): void {
  const policy = deps.idm.policy;
  scope.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/policy',
    handler: crestRoute(deps, async ({ request, reply, caller }) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') throw methodNotAllowed(request);
      requireAdmin(caller);
      const config = await deps.idm.managedConfig.read();
      const names = (Array.isArray(config.objects) ? config.objects : []).flatMap((object) => (isJsonObject(object) && typeof object.name === 'string' ? [object.name] : []));
      const resources = [];
      for (const name of names) resources.push(await policy.resourcePolicies(name));
      return reply.send({ _id: '', resources });
    }),
  });
  const onResource = crestRoute(deps, async ({ request, reply, caller }) => {
    const { type = '', id } = request.params as Record<string, string | undefined>;
    if (request.method === 'GET' || request.method === 'HEAD') {
      authorizePolicyRead(caller, type);
      const resource = await policy.resourcePolicies(type);
      return reply.send(id === undefined ? resource : { _id: id, ...resource });
    }
    if (request.method !== 'POST' || id === undefined) throw methodNotAllowed(request);
    const action = queryParams(request)._action;
    if (action === undefined || !ACTIONS.includes(action)) throw httpError(400, `Unsupported action ${action ?? '(none)'}; use validateObject or validateProperty`);
    authorizePolicyValidation(caller, type, id);
    if (hasNul(id)) throw httpError(404, `Object not found in managed/${type}`);
    const body = objectBody(request.body);
    const options = id === '*' ? {} : { objectId: id };
    if (action === 'validateObject') return reply.send(await policy.validateObject(type, body, options));
    const { schema } = await deps.idm.identity.schema(type);
    const { properties, fullObject } = propertiesToValidate(body, 'properties' in schema.properties);
    return reply.send(await policy.validateProperties(type, properties, { ...options, fullObject }));
  });
  const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
  scope.route({ method: methods, url: '/policy/managed/:type', handler: onResource });
  scope.route({ method: methods, url: '/policy/managed/:type/:id', handler: onResource });
}
