/**
 * `/health/live` (the process answers) and `/health/ready` (its database and Redis answer, and the
 * master key opens the realm keys). Readiness never waits longer than `ARBOR_READY_TIMEOUT_MS`
 * (2 seconds): a store that does not answer in time is as unready as one that refuses, so that a
 * load balancer takes the process out of rotation instead of waiting with it.
 */
import type { FastifyInstance } from 'fastify';
import { isSecretsError } from '../secrets/errors.ts';
import type { AppDeps } from './app-deps.ts';
import { errorBody } from './errors.ts';

/** Why readiness failed, in words an operator can act on (no address, no key material). */
function notReadyMessage(error: unknown, timedOut: boolean, timeoutMs: number): string {
  if (timedOut) return `Not ready: the store did not answer within ${timeoutMs / 1000} seconds`;
  if (isSecretsError(error, 'MASTER_KEY_MISMATCH')) return `Not ready: ${error.message}`;
  return 'Not ready: the store does not answer';
}

/** Registers the health routes. */
export function registerHealthRoutes(app: FastifyInstance, deps: AppDeps): void {
  const timeoutMs = deps.settings.readyTimeoutMs;
  app.get('/health/live', async () => ({ status: 'UP' }));
  app.get('/health/ready', async (request, reply) => {
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        reject(new Error(`no answer within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    const check = deps.health();
    check.catch(() => undefined); // still settles after the deadline won
    try {
      await Promise.race([check, deadline]);
      return { status: 'UP' };
    } catch (error) {
      request.log.warn({ err: error }, 'not ready');
      return reply.code(503).send(errorBody(503, notReadyMessage(error, timedOut, timeoutMs)));
    } finally {
      clearTimeout(timer);
    }
  });
}
