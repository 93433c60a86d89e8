/**
 * A credential check refused for now, as every Arbor API answers it: THROTTLED is 429 Too Many
 * Requests, OVERLOADED 503 Service Unavailable, both with `Retry-After` (seconds) and ForgeRock's
 * error body, which is also IDM's CREST error (`{code, reason, message}`).
 */
import type { FastifyReply } from 'fastify';
import type { RetryLaterError } from '../identity/retry-later-error.ts';
import { errorBody } from './errors.ts';

/** Answers `error` on `reply`. */
export function sendRetryLater(reply: FastifyReply, error: RetryLaterError): FastifyReply {
  const status = error.code === 'THROTTLED' ? 429 : 503;
  return reply.code(status).header('Retry-After', String(error.retryAfterSeconds)).send(errorBody(status, error.message));
}
