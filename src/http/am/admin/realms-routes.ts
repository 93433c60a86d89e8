/**
 * AM's realms, administrators only: `GET …/json/global-config/realms?_queryFilter=true` (also
 * `realms/?…`, Frodo's spelling), `GET …/global-config/realms/<id>`, and with a realm administration
 * `POST …/global-config/realms[?_action=create]` (201), `PUT …/realms/<id>` and `DELETE …/realms/<id>`
 * (answers the deleted realm). A realm is `{_id, _rev, parentPath, active, name, aliases}` as AM
 * answers it: root is `{name: "/", parentPath: null}`, the others `{name: "alpha", parentPath: "/"}`;
 * `_id` is the base64url of the realm's path, as in AM. Arbor's realms are children of root, always
 * active, without DNS aliases: a body asking otherwise is refused with the reason.
 */
import { requiredQueryFilter } from '../admin-route.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RealmConfig } from '../../../config/realm-config.ts';
import { matchesQueryFilter } from '../../../identity/query-filter/evaluate-query-filter.ts';
import type { RealmAdmin } from '../../../journeys/admin/realm-admin.ts';
import type { RealmAdminErrorCode } from '../../../journeys/admin/realm-admin-errors.ts';
import { isRealmAdminError } from '../../../journeys/admin/realm-admin-errors.ts';
import { httpError } from '../../errors.ts';

/** What the routes use. */
export interface RealmsRouteDeps {
  realms: { list(): Promise<RealmConfig[]> };
  /** Creation and deletion; without it the realms are read-only. */
  realmAdmin?: RealmAdmin | undefined;
  requireAdministrator(request: FastifyRequest): Promise<void>;
}

const STATUS: Record<RealmAdminErrorCode, number> = { REALM_NOT_FOUND: 404, REALM_EXISTS: 409, REALM_INVALID: 400, REALM_ROOT: 400 };

function asHttpError(error: unknown): unknown {
  return isRealmAdminError(error) ? httpError(STATUS[error.code], error.message) : error;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The reasons `body` asks for what Arbor's realms cannot be (empty when it fits). */
function unsupported(body: Record<string, unknown>, expectedParent: string | null = '/'): string[] {
  const reasons: string[] = [];
  const own = (key: string): unknown => (Object.hasOwn(body, key) ? body[key] : undefined);
  const parent = own('parentPath');
  if (parent !== undefined && parent !== expectedParent) reasons.push(expectedParent === null ? 'The root realm has no parent' : 'Arbor realms are children of the root realm: parentPath must be "/"');
  const active = own('active');
  if (active !== undefined && active !== true) reasons.push('Arbor realms are always active: active must be true');
  const aliases = own('aliases');
  if (aliases !== undefined && !(Array.isArray(aliases) && aliases.length === 0)) reasons.push('Arbor realms have no DNS aliases: aliases must be []');
  return reasons;
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
    const filter = requiredQueryFilter(request, 'realm');
    const realms = (await deps.realms.list()).sort((a, b) => (a.name === 'root' ? -1 : b.name === 'root' ? 1 : a.name.localeCompare(b.name)));
    const result = realms.map(amRealm).filter((realm) => matchesQueryFilter(filter, { ...realm }));
    return reply.send({ result, resultCount: result.length, pagedResultsCookie: null, totalPagedResultsPolicy: 'NONE', totalPagedResults: -1, remainingPagedResults: -1 });
  };
  app.get(`${prefix}/global-config/realms`, list);
  app.get(`${prefix}/global-config/realms/`, list);
  const byId = async (request: FastifyRequest): Promise<{ realm: RealmConfig; shown: AmRealm }> => {
    const id = (request.params as Record<string, string | undefined>).id ?? '';
    for (const realm of await deps.realms.list()) {
      const shown = amRealm(realm);
      if (shown._id === id) return { realm, shown };
    }
    throw httpError(404, `Realm with id ${id.slice(0, 64)} not found`);
  };
  app.get(`${prefix}/global-config/realms/:id`, async (request, reply) => {
    await deps.requireAdministrator(request);
    return reply.send((await byId(request)).shown);
  });

  const admin = deps.realmAdmin;
  if (admin === undefined) return;
  const create = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    await deps.requireAdministrator(request);
    const action = (request.query as Record<string, unknown>)._action;
    if (action !== undefined && action !== 'create') throw httpError(400, `Action ${String(action).slice(0, 64)} is not supported on realms`);
    const body = request.body;
    if (!isRecord(body) || typeof body.name !== 'string') throw httpError(400, 'The body must be a realm with a name');
    const reasons = unsupported(body);
    if (reasons.length > 0) throw httpError(400, reasons.join('; '), { problems: reasons });
    try {
      return reply.code(201).send(amRealm(await admin.create(body.name)));
    } catch (error) {
      throw asHttpError(error);
    }
  };
  app.post(`${prefix}/global-config/realms`, create);
  app.post(`${prefix}/global-config/realms/`, create);
  app.put(`${prefix}/global-config/realms/:id`, async (request, reply) => {
    await deps.requireAdministrator(request);
    const { shown } = await byId(request);
    const body = request.body;
    if (!isRecord(body)) throw httpError(400, 'The body must be a realm');
    const reasons = unsupported(body, shown.parentPath);
    if (Object.hasOwn(body, 'name') && body.name !== shown.name) reasons.push('A realm cannot be renamed: create a new realm and move its configuration');
    if (reasons.length > 0) throw httpError(400, reasons.join('; '), { problems: reasons });
    return reply.send(shown);
  });
  app.delete(`${prefix}/global-config/realms/:id`, async (request, reply) => {
    await deps.requireAdministrator(request);
    const { realm } = await byId(request);
    try {
      return reply.send(amRealm(await admin.delete(realm.name)));
    } catch (error) {
      throw asHttpError(error);
    }
  });
}
