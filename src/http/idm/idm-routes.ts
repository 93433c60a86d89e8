/**
 * The IDM REST surface under `/openidm`: managed objects, the `managed` config, the policy
 * service, and who the caller is (`info/login`, `authentication?_action=login`) and the server
 * state (`info/ping`). PATCH bodies may also come as `application/json-patch+json`;
 * `_prettyPrint=true` indents any JSON answer, errors included.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { parseJsonBody } from '../parse-json-body.ts';
import { registerConfigRoutes } from './config-routes.ts';
import { registerInfoRoutes } from './info-routes.ts';
import { registerManagedRoutes } from './managed-routes.ts';
import { registerRelationshipRoutes } from './relationship-routes.ts';
import { registerPolicyRoutes } from './policy-routes.ts';

function parseJsonPatch(_request: FastifyRequest, body: string | Buffer, done: (error: Error | null, body?: unknown) => void): void {
  let parsed: unknown;
  try {
    parsed = parseJsonBody(String(body));
  } catch (error) {
    return done(error as Error);
  }
  done(null, parsed);
}

function wantsPrettyPrint(request: FastifyRequest): boolean {
  return (request.query as Record<string, unknown> | undefined)?._prettyPrint === 'true';
}

/** Registers every `/openidm/…` route. */
export async function registerIdmRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await app.register(
    async (scope) => {
      // CREST bodies are JSON: anything else (text/plain included) is a 415.
      scope.removeContentTypeParser('text/plain');
      scope.addContentTypeParser('application/json-patch+json', { parseAs: 'string' }, parseJsonPatch);
      scope.addHook('onSend', async (request, reply, payload) => {
        if (!wantsPrettyPrint(request) || typeof payload !== 'string' || !String(reply.getHeader('content-type') ?? '').startsWith('application/json')) return payload;
        try {
          return JSON.stringify(JSON.parse(payload), null, 2);
        } catch {
          return payload;
        }
      });
      registerManagedRoutes(scope, deps);
      registerRelationshipRoutes(scope, deps);
      registerConfigRoutes(scope, deps);
      registerPolicyRoutes(scope, deps);
      registerInfoRoutes(scope, deps);
    },
    { prefix: '/openidm' },
  );
}
