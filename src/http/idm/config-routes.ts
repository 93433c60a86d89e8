/**
 * `/openidm/config/managed`: GET the whole `managed` config, PUT a new one (validated, 400 naming
 * the bad field; search indexes and unique constraints follow). Administrators only.
 */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { requireAdmin } from './authorize.ts';
import { crestRoute } from './crest-route.ts';
import { methodNotAllowed } from './crest-request.ts';

/** Registers the config route (under the `/openidm` prefix). */
export function registerConfigRoutes(scope: FastifyInstance, deps: AppDeps): void {
  scope.route({
    method: ['GET', 'PUT', 'POST', 'PATCH', 'DELETE'],
    url: '/config/managed',
    handler: crestRoute(deps, async ({ request, reply, caller }) => {
      if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'PUT') throw methodNotAllowed(request);
      requireAdmin(caller);
      if (request.method === 'PUT') return reply.send(await deps.idm.managedConfig.replace(request.body));
      return reply.send(await deps.idm.managedConfig.read());
    }),
  });
}
