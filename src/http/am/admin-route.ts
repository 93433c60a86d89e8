/**
 * What AM's realm-scoped admin routes share: the request's path parameters, the `_queryFilter` a
 * list requires (400 when missing or malformed), and the wrapper that checks the caller
 * administers the realm in the path (`root` when there is none) before the realm is looked up
 * (an unknown realm is 404 only to those allowed to ask), turning domain errors into HTTP ones.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isQueryFilterError } from '../../identity/query-filter/errors.ts';
import { parseQueryFilter } from '../../identity/query-filter/parse-query-filter.ts';
import type { QueryFilter } from '../../identity/query-filter/query-filter.ts';
import { httpError } from '../errors.ts';

/** The request's path parameters. */
export function pathParams(request: FastifyRequest): Record<string, string | undefined> {
  return request.params as Record<string, string | undefined>;
}

/** The list's `_queryFilter`, parsed; `what` names what is listed ("script", "tree"…). */
export function requiredQueryFilter(request: FastifyRequest, what: string): QueryFilter {
  const text = (request.query as Record<string, unknown> | undefined)?._queryFilter;
  if (typeof text !== 'string') throw httpError(400, `_queryFilter is required (use _queryFilter=true to list every ${what})`);
  try {
    return parseQueryFilter(text);
  } catch (error) {
    if (isQueryFilterError(error)) throw httpError(400, error.message);
    throw error;
  }
}

/** What the realm wrapper needs. */
export interface RealmRouteDeps<R> {
  requireAdministrator(request: FastifyRequest, realm: string): Promise<void>;
  realms: { get(name: string): Promise<R | undefined> };
}

/** Wraps a realm-scoped handler: the caller checked, the realm found (404), errors through `asHttpError`. */
export function realmRoute<R>(deps: RealmRouteDeps<R>, asHttpError: (error: unknown) => unknown = (error) => error) {
  return (handler: (realm: R, name: string, request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>) =>
    async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      try {
        const name = pathParams(request).realm ?? 'root';
        await deps.requireAdministrator(request, name);
        const realm = /^[A-Za-z0-9_-]+$/.test(name) ? await deps.realms.get(name) : undefined;
        if (realm === undefined) throw httpError(404, `Realm ${name === 'root' ? '/' : `/${name.slice(0, 64)}`} not found`);
        return await handler(realm, name, request, reply);
      } catch (error) {
        throw asHttpError(error);
      }
    };
}
