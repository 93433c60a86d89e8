/**
 * AM's Social Identity Provider Service over REST, administrators (and the realm's administrators) only, under
 * `…/json/realms/root[/realms/<r>]/realm-config/services/SocialIdentityProviders`:
 * - `GET` the service itself (`{_id: "", enabled, _type}`), `POST ?_action=nextdescendents` (every
 *   provider, `{result: […]}`, what Frodo lists and exports), `POST ?_action=getAllTypes`;
 * - `GET …/<type>?_queryFilter=true` (the providers of one type);
 * - `GET`, `PUT` (create 201 or replace 200) and `DELETE …/<type>/<name>`.
 * Providers come back in AM's JSON without `clientSecret`. A bad write is a 400 whose `detail.errors`
 * names every bad field (`{field, reason}`); a name taken by another type is a 409.
 */
import { realmRoute } from './admin-route.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PROVIDER_TYPES, type ProviderType } from '../../social/provider-config.ts';
import { KNOWN_PROVIDER_KEYS } from '../../social/providers/read-provider-body.ts';
import { isSocialProviderError, type SocialProviderErrorCode } from '../../social/providers/provider-errors.ts';
import { isProviderType, providerTypeRef } from '../../social/providers/provider-types.ts';
import type { SocialProviderService } from '../../social/providers/social-provider-service.ts';
import { httpError } from '../errors.ts';

/** What the routes use. */
export interface SocialProviderRouteDeps {
  providers: SocialProviderService;
  realms: { get(name: string): Promise<unknown> };
  /** Passes administrators of `realm` (amadmin, openidm-admin, its realm administrators); throws the 401/403 otherwise. */
  requireAdministrator(request: FastifyRequest, realm: string): Promise<void>;
}

const SERVICE = 'realm-config/services/SocialIdentityProviders';
const SERVICE_TYPE = { _id: 'SocialIdentityProviders', name: 'Social Identity Provider Service', collection: false };

const STATUS: Record<SocialProviderErrorCode, number> = {
  INVALID_PROVIDER: 400,
  PROVIDER_NOT_FOUND: 404,
  PROVIDER_NAME_TAKEN: 409,
  UNKNOWN_TRANSFORM: 400,
  PROFILE_INVALID: 400,
  SECRET_UNAVAILABLE: 500,
};

function params(request: FastifyRequest): Record<string, string | undefined> {
  return request.params as Record<string, string | undefined>;
}

function query(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

function typeOf(request: FastifyRequest): ProviderType {
  const type = params(request).type ?? '';
  if (!isProviderType(type)) throw httpError(404, `Unknown provider type "${type}"; the types are ${PROVIDER_TYPES.join(', ')}`);
  return type;
}

/** The HTTP error of a provider error (the 400 lists every field); others unchanged. */
function asHttpError(error: unknown): unknown {
  if (!isSocialProviderError(error)) return error;
  if (error.code !== 'INVALID_PROVIDER') return httpError(STATUS[error.code], error.message);
  const unknown = error.fields.some((field) => field.reason === 'is not an attribute of a social identity provider');
  const detail: Record<string, unknown> = { errors: error.fields.map((field) => ({ ...field })) };
  if (unknown) detail.validAttributes = [...KNOWN_PROVIDER_KEYS];
  return httpError(400, error.message, detail);
}

/** Registers the routes for the root realm and its sub-realms under `prefix` (`/am/json`, `/json`). */
export function registerSocialIdentityProvidersRoutes(app: FastifyInstance, deps: SocialProviderRouteDeps, prefix: string): void {
  const wrap = realmRoute(deps, asHttpError);
  const route = (handler: (realm: string, request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>) => wrap((_found, realm, request, reply) => handler(realm, request, reply));
  for (const base of [`${prefix}/realms/root/${SERVICE}`, `${prefix}/realms/root/realms/:realm/${SERVICE}`]) {
    app.get(base, route(async (_realm, _request, reply) => reply.send({ _id: '', enabled: true, _type: SERVICE_TYPE })));
    app.post(
      base,
      route(async (realm, request, reply) => {
        const action = query(request, '_action');
        if (action === 'nextdescendents') return reply.send({ result: await deps.providers.list(realm) });
        if (action === 'getAllTypes') return reply.send({ result: PROVIDER_TYPES.map(providerTypeRef) });
        throw httpError(400, `Unknown action "${action ?? ''}"; the actions are nextdescendents and getAllTypes`);
      }),
    );
    app.get(
      `${base}/:type`,
      route(async (realm, request, reply) => {
        const type = typeOf(request);
        if (query(request, '_queryFilter') !== 'true') throw httpError(400, 'Only _queryFilter=true is supported');
        const result = await deps.providers.listOfType(realm, type);
        return reply.send({ result, resultCount: result.length, pagedResultsCookie: null, totalPagedResultsPolicy: 'EXACT', totalPagedResults: result.length, remainingPagedResults: -1 });
      }),
    );
    const instance = `${base}/:type/:name`;
    app.get(
      instance,
      route(async (realm, request, reply) => {
        const type = typeOf(request);
        const name = params(request).name ?? '';
        const provider = await deps.providers.get(realm, type, name);
        if (provider === undefined) throw httpError(404, `No ${type} provider named "${name}"`);
        return reply.send(provider);
      }),
    );
    app.put(
      instance,
      route(async (realm, request, reply) => {
        const result = await deps.providers.put(realm, typeOf(request), params(request).name ?? '', request.body);
        return reply.code(result.created ? 201 : 200).send(result.provider);
      }),
    );
    app.delete(
      instance,
      route(async (realm, request, reply) => {
        const type = typeOf(request);
        const name = params(request).name ?? '';
        const deleted = await deps.providers.delete(realm, type, name);
        if (deleted === undefined) throw httpError(404, `No ${type} provider named "${name}"`);
        return reply.send(deleted);
      }),
    );
  }
}
