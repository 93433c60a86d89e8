/**
 * IDM's `info` endpoints and the login action: `GET /openidm/info/login` and
 * `POST /openidm/authentication?_action=login` answer who the caller is (what the platform
 * end-user UI reads to find the signed-in user's managed object); `GET /openidm/info/ping`
 * answers the server state, to anyone.
 */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { httpError } from '../errors.ts';
import { crestRoute } from './crest-route.ts';
import { methodNotAllowed, queryParams } from './crest-request.ts';
import { loginInfoOf } from './login-info.ts';

/** Registers the info routes (under the `/openidm` prefix). */
export function registerInfoRoutes(scope: FastifyInstance, deps: AppDeps): void {
  scope.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/info/login',
    handler: crestRoute(deps, async ({ request, reply, caller }) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') throw methodNotAllowed(request);
      return reply.send(loginInfoOf(caller));
    }),
  });
  scope.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/authentication',
    handler: crestRoute(deps, async ({ request, reply, caller }) => {
      if (request.method !== 'POST') throw methodNotAllowed(request);
      const action = queryParams(request)._action;
      if (action !== 'login') throw httpError(400, action === undefined ? 'authentication needs _action=login' : `Unsupported action ${action}; use login`);
      return reply.send(loginInfoOf(caller));
    }),
  });
  scope.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/info/ping',
    handler: async (request, reply) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') throw methodNotAllowed(request);
      try {
        await deps.health();
        return reply.send({ _id: '', _rev: '', shortDesc: 'OpenIDM ready', state: 'ACTIVE_READY' });
      } catch (error) {
        request.log.warn({ err: error }, 'not ready');
        return reply.send({ _id: '', _rev: '', shortDesc: 'OpenIDM not ready: the store does not answer', state: 'ACTIVE_NOT_READY' });
      }
    },
  });
}
