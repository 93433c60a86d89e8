/**
 * Request ids: each request gets one (Fastify's `request.id`, the `reqId` of its log lines and the
 * transaction id of its audit events), taken from an incoming `X-Request-ID` when that is a short,
 * safe token (a load balancer's or a caller's id, so their logs and Arbor's join up), else
 * generated; every answer names it in its own `X-Request-ID` header.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

/** The header read and answered. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** What an incoming id may be: letters, digits and `._:-`, 1 to 64 of them (nothing a log or a header could be confused by). */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Fastify's `genReqId`: the caller's id when safe, else a new UUID. */
export function requestIdOf(request: Pick<IncomingMessage, 'headers'>): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
}

/** Answers every request's id in `X-Request-ID`, before anything else can answer. */
export function registerRequestIdHeader(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
}
