/**
 * AM's OAuth 2.0 clients over REST, administrators (and the realm's administrators) only, under
 * `…/json/realms/root[/realms/<r>]/realm-config/agents/OAuth2Client`:
 * - `GET …/OAuth2Client?_queryFilter=true` (every client of the realm, AM's list envelope);
 * - `GET`, `PUT` (create 201 or replace 200) and `DELETE …/OAuth2Client/<id>`.
 * Clients come back in AM's JSON without `userpassword` (write-only). A bad write is a 400 whose
 * `detail.errors` names every bad field (`{field, reason}`). The OIDC capability registers them.
 */
import { realmRoute } from './admin-route.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isOAuth2ClientError, type OAuth2ClientErrorCode } from '../../oauth2/oauth2-client-errors.ts';
import type { OAuth2ClientStore } from '../../oauth2/oauth2-client-store.ts';
import { clientIdProblem, MAX_CLIENT_BYTES } from '../../oauth2/read-oauth2-client.ts';
import { httpError } from '../errors.ts';

/** What the routes use. */
export interface OAuth2ClientRouteDeps {
  clients: OAuth2ClientStore;
  realms: { get(name: string): Promise<unknown> };
  /** Passes administrators of `realm` (amadmin, openidm-admin, its realm administrators); throws the 401/403 otherwise. */
  requireAdministrator(request: FastifyRequest, realm: string): Promise<void>;
}

const AGENTS = 'realm-config/agents/OAuth2Client';

const STATUS: Record<OAuth2ClientErrorCode, number> = { INVALID_CLIENT: 400, CLIENT_NOT_FOUND: 404, SECRET_UNAVAILABLE: 500 };

function params(request: FastifyRequest): Record<string, string | undefined> {
  return request.params as Record<string, string | undefined>;
}

function query(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** The client id of the path; a 404 for one no client can have (nothing is looked up). */
function clientIdOf(request: FastifyRequest): string {
  const id = params(request).id ?? '';
  if (clientIdProblem(id) !== undefined) throw httpError(404, `No OAuth2 client with id ${JSON.stringify(id.slice(0, 128))}`);
  return id;
}

function asHttpError(error: unknown): unknown {
  if (!isOAuth2ClientError(error)) return error;
  if (error.code !== 'INVALID_CLIENT') return httpError(STATUS[error.code], error.message);
  return httpError(400, error.message, { errors: error.fields.map((field) => ({ ...field })) });
}

/** Registers the routes for the root realm and its sub-realms under `prefix` (`/am/json`, `/json`). */
export function registerOAuth2ClientRoutes(app: FastifyInstance, deps: OAuth2ClientRouteDeps, prefix: string): void {
  const wrap = realmRoute(deps, asHttpError);
  const route = (handler: (realm: string, request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>) => wrap((_found, realm, request, reply) => handler(realm, request, reply));
  for (const base of [`${prefix}/realms/root/${AGENTS}`, `${prefix}/realms/root/realms/:realm/${AGENTS}`]) {
    app.get(
      base,
      route(async (realm, request, reply) => {
        if (query(request, '_queryFilter') !== 'true') throw httpError(400, 'Only _queryFilter=true is supported');
        const result = await deps.clients.list(realm);
        return reply.send({ result, resultCount: result.length, pagedResultsCookie: null, totalPagedResultsPolicy: 'EXACT', totalPagedResults: result.length, remainingPagedResults: -1 });
      }),
    );
    const instance = `${base}/:id`;
    app.get(
      instance,
      route(async (realm, request, reply) => {
        const id = clientIdOf(request);
        const client = await deps.clients.get(realm, id);
        if (client === undefined) throw httpError(404, `No OAuth2 client with id ${id}`);
        return reply.send(client);
      }),
    );
    app.put(
      instance,
      { bodyLimit: MAX_CLIENT_BYTES * 2 },
      route(async (realm, request, reply) => {
        const id = params(request).id ?? '';
        const result = await deps.clients.put(realm, id, request.body);
        return reply.code(result.created ? 201 : 200).send(result.client);
      }),
    );
    app.delete(
      instance,
      route(async (realm, request, reply) => {
        const id = clientIdOf(request);
        const deleted = await deps.clients.delete(realm, id);
        if (deleted === undefined) throw httpError(404, `No OAuth2 client with id ${id}`);
        return reply.send(deleted);
      }),
    );
  }
}
