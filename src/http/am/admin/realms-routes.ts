/**
 * AM's realms, read-only for now, administrators only: `GET …/json/global-config/realms?_queryFilter=true`
 * (also `realms/?…`, Frodo's spelling) and `GET …/global-config/realms/<id>`. A realm is
 * `{_id, _rev, parentPath, active, name, aliases}` as AM answers it: root is `{name: "/", parentPath: null}`,
 * the others `{name: "alpha", parentPath: "/"}`; `_id` is the base64url of the realm's path, as in AM.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RealmConfig } from '../../../config/realm-config.ts';
import { isQueryFilterError } from '../../../identity/query-filter/errors.ts';
import { matchesQueryFilter } from '../../../identity/query-filter/evaluate-query-filter.ts';
import { parseQueryFilter } from '../../../identity/query-filter/parse-query-filter.ts';
import { httpError } from '../../errors.ts';

/** What the routes use. */
export interface RealmsRouteDeps {
  realms: { list(): Promise<RealmConfig[]> };
  requireAdministrator(request: FastifyRequest): Promise<void>;
}

/** A realm in AM's shape. */
export interface AmRealm {
  _id: string;
  _rev: string;
  parentPath: string | null;
  active: boolean;
  name: string;
  aliases: string[];
}

/** The AM realm object of `realm`. */
export function amRealm(realm: Pick<RealmConfig, 'name'>): AmRealm {
  const path = realm.name === 'root' ? '/' : `/${realm.name}`;
  return {
    _id: Buffer.from(path, 'utf8').toString('base64url'),
    _rev: '1',
    parentPath: realm.name === 'root' ? null : '/',
    active: true,
    name: realm.name === 'root' ? '/' : realm.name,
    aliases: [],
  };
}

/** Registers the routes under `prefix` (`/am/json`, `/json`). */
export function registerRealmsRoutes(app: FastifyInstance, deps: RealmsRouteDeps, prefix: string): void {
  const list = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    await deps.requireAdministrator(request);
    const text = (request.query as Record<string, unknown>)._queryFilter;
    if (typeof text !== 'string') throw httpError(400, '_queryFilter is required (use _queryFilter=true to list every realm)');
    let filter: ReturnType<typeof parseQueryFilter>;
    try {
      filter = parseQueryFilter(text);
    } catch (error) {
      if (isQueryFilterError(error)) throw httpError(400, error.message);
      throw error;
    }
    const realms = (await deps.realms.list()).sort((a, b) => (a.name === 'root' ? -1 : b.name === 'root' ? 1 : a.name.localeCompare(b.name)));
    const result = realms.map(amRealm).filter((realm) => matchesQueryFilter(filter, { ...realm }));
    return reply.send({ result, resultCount: result.length, pagedResultsCookie: null, totalPagedResultsPolicy: 'NONE', totalPagedResults: -1, remainingPagedResults: -1 });
  };
  app.get(`${prefix}/global-config/realms`, list);
  app.get(`${prefix}/global-config/realms/`, list);
  app.get(`${prefix}/global-config/realms/:id`, async (request, reply) => {
    await deps.requireAdministrator(request);
    const id = (request.params as Record<string, string | undefined>).id ?? '';
    const found = (await deps.realms.list()).map(amRealm).find((realm) => realm._id === id);
    if (found === undefined) throw httpError(404, `Realm with id ${id.slice(0, 64)} not found`);
    return reply.send(found);
  });
}
