/** The frame of every IDM handler: authenticate the caller first, then map domain errors to CREST answers. */
import type { FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { toHttpError } from './crest-http-error.ts';
import type { IdmCaller } from './idm-caller.ts';
import { resolveCaller } from './idm-caller.ts';

/** What a handler receives. */
export interface CrestRouteContext {
  request: FastifyRequest;
  reply: FastifyReply;
  caller: IdmCaller;
}

/** Wraps `handler`: 401 without a caller; typed errors become their CREST status. */
export function crestRoute(deps: AppDeps, handler: (context: CrestRouteContext) => Promise<FastifyReply>): RouteHandlerMethod {
  return async (request, reply) => {
    try {
      const caller = await resolveCaller(deps, request);
      return await handler({ request, reply, caller });
    } catch (error) {
      throw toHttpError(error);
    }
  };
}
