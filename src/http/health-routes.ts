/** `/health/live` (the process answers) and `/health/ready` (its database and Redis answer too). */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from './app-deps.ts';
import { errorBody } from './errors.ts';

/** Registers the health routes. */
export function registerHealthRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/health/live', async () => ({ status: 'UP' }));
  app.get('/health/ready', async (request, reply) => {
    try {
      await deps.health();
      return { status: 'UP' };
    } catch (error) {
      request.log.warn({ err: error }, 'not ready');
      return reply.code(503).send(errorBody(503, 'Not ready: the store does not answer'));
    }
  });
}
