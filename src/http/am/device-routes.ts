/**
 * A user's registered devices over REST, as AM has them, under `…/json/realms/root[/realms/<r>]
 * /users/<user>/devices/…` (both `/am/json` and `/json`), `<user>` being the managed user's `_id`:
 * - `GET …/devices/2fa/oath|webauthn?_queryFilter=true` lists in AM's envelope; `GET …/<uuid>` reads one;
 * - `PUT …/devices/2fa/oath|webauthn/<uuid>` with `{deviceName}` renames; `DELETE …/<uuid>` removes;
 * - `GET …/devices/profile?_queryFilter=true`, `GET|PUT ({alias})|DELETE …/devices/profile/<id>`
 *   (a profile is addressed by its `identifier`, as AM's device client does, or by its uuid);
 * - `GET …/devices/recoverycodes` (Arbor's own): how many recovery codes each kind of device has left.
 * Callers: administrators (and the realm's administrators), or the user themself with their own session (anyone else: 403; no
 * session: 401). Answers carry AM's field names and never a secret (only the listed fields of a
 * device's shown data). Errors are CREST bodies: 404 for an unknown realm, user or device, 400
 * for a bad name or filter. See docs/devices.md.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RealmConfig } from '../../config/realm-config.ts';
import type { DeviceKind } from '../../devices/device-record.ts';
import { isDeviceError } from '../../devices/device-errors.ts';
import type { DeviceService, DeviceView } from '../../devices/device-service.ts';
import { isQueryFilterError } from '../../identity/query-filter/errors.ts';
import { matchesQueryFilter } from '../../identity/query-filter/evaluate-query-filter.ts';
import { parseQueryFilter } from '../../identity/query-filter/parse-query-filter.ts';
import type { SessionService } from '../../sessions/session-service.ts';
import { httpError } from '../errors.ts';
import { sessionTokenOf } from '../session-token.ts';

/** What the routes use. */
export interface DeviceRouteDeps {
  devices: DeviceService;
  realms: { get(name: string): Promise<RealmConfig | undefined> };
  /** True when managed object `<type>/<id>` exists. */
  userExists(type: string, id: string): Promise<boolean>;
  sessions: Pick<SessionService, 'validate'>;
  /** The SSO cookie (and header) name. */
  cookieName: string;
  /** Passes administrators of `realm` (amadmin, openidm-admin, its realm administrators); throws the 401/403 otherwise. */
  requireAdministrator(request: FastifyRequest, realm: string): Promise<void>;
}

/** One shown device, in AM's fields. */
type DeviceAnswer = Record<string, unknown>;

const TWO_FA_KINDS: readonly DeviceKind[] = ['oath', 'webauthn'];
const ID_LIMIT = 256;
const BODY_LIMIT = 16 * 1024;

function params(request: FastifyRequest): Record<string, string | undefined> {
  return request.params as Record<string, string | undefined>;
}

function identifierParam(request: FastifyRequest, name: string, what: string): string {
  const value = params(request)[name] ?? '';
  if (value === '' || value.length > ID_LIMIT) throw httpError(404, `No ${what} ${value.slice(0, 64)}`);
  return value;
}

function ownString(record: Record<string, unknown>, name: string): string | undefined {
  if (!Object.hasOwn(record, name)) return undefined;
  const value = record[name];
  return typeof value === 'string' ? value : undefined;
}

function bodyField(request: FastifyRequest, name: string): string {
  const body: unknown = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw httpError(400, `The body is a JSON object with ${name}`);
  const value = ownString(body as Record<string, unknown>, name);
  if (value === undefined) throw httpError(400, `${name} must be a string`, { errors: [{ field: name, reason: 'must be a string' }] });
  return value;
}

/** The fields every kind shows. */
function common(view: DeviceView): DeviceAnswer {
  return { _id: view.id, _rev: String(view.revision), uuid: view.id, deviceName: view.deviceName, createdDate: view.createdDate, lastAccessDate: view.lastAccessDate };
}

function twoFaAnswer(view: DeviceView): DeviceAnswer {
  const answer: DeviceAnswer = { ...common(view), deviceManagementStatus: false };
  if (view.kind === 'webauthn') answer.credentialId = ownString(view.data, 'credentialId') ?? '';
  return answer;
}

function profileIdentifier(view: DeviceView): string {
  return ownString(view.data, 'identifier') ?? view.id;
}

function profileAnswer(view: DeviceView): DeviceAnswer {
  const field = (name: string): unknown => (Object.hasOwn(view.data, name) ? structuredClone(view.data[name]) : undefined);
  const lastSelected = field('lastSelectedDate');
  return {
    _id: profileIdentifier(view),
    _rev: String(view.revision),
    identifier: profileIdentifier(view),
    alias: view.deviceName,
    metadata: field('metadata') ?? {},
    location: field('location') ?? {},
    lastSelectedDate: typeof lastSelected === 'number' ? lastSelected : view.lastAccessDate,
  };
}

function recoveryAnswer(view: DeviceView): DeviceAnswer {
  const remaining = view.data.remaining;
  return { _id: view.id, _rev: String(view.revision), forKind: ownString(view.data, 'forKind') ?? '', remaining: typeof remaining === 'number' ? remaining : 0, createdDate: view.createdDate, lastAccessDate: view.lastAccessDate };
}

/** AM's envelope of a device query. */
function listEnvelope(result: DeviceAnswer[]): Record<string, unknown> {
  return { result, resultCount: result.length, pagedResultsCookie: null, totalPagedResultsPolicy: 'NONE', totalPagedResults: -1, remainingPagedResults: -1 };
}

/** The answers `_queryFilter` keeps; 400 without one or for a bad one. */
function filtered(request: FastifyRequest, answers: DeviceAnswer[]): DeviceAnswer[] {
  const text = (request.query as Record<string, unknown>)._queryFilter;
  if (typeof text !== 'string') throw httpError(400, '_queryFilter is required (use _queryFilter=true to list every device)');
  try {
    const filter = parseQueryFilter(text);
    return answers.filter((answer) => matchesQueryFilter(filter, answer));
  } catch (error) {
    if (isQueryFilterError(error)) throw httpError(400, error.message);
    throw error;
  }
}

function deviceHttpError(error: unknown): unknown {
  if (!isDeviceError(error)) return error;
  if (error.code === 'DEVICE_NAME_INVALID' || error.code === 'DEVICE_INVALID') return httpError(400, error.message, { errors: [{ field: 'deviceName', reason: error.message }] });
  return httpError(409, error.message);
}

/** Registers the routes for the root realm and its sub-realms under `prefix` (`/am/json`, `/json`). */
export function registerDeviceRoutes(app: FastifyInstance, deps: DeviceRouteDeps, prefix: string): void {
  /** Passes the user themself (their own session in this realm) and administrators. */
  const authorize = async (request: FastifyRequest, realm: RealmConfig, userId: string): Promise<void> => {
    const token = sessionTokenOf(request, deps.cookieName);
    const session = token === undefined ? undefined : await deps.sessions.validate(token, { touch: true });
    if (session !== undefined && session.realm === realm.name && session.userType === realm.userType && session.userId === userId) return;
    await deps.requireAdministrator(request, realm.name);
  };

  const route =
    (handler: (realm: string, userId: string, request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>) =>
    async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      const realmName = params(request).realm ?? 'root';
      const realm = /^[A-Za-z0-9_-]+$/.test(realmName) ? await deps.realms.get(realmName) : undefined;
      if (realm === undefined) throw httpError(404, `Realm ${realmName === 'root' ? '/' : `/${realmName.slice(0, 64)}`} not found`);
      const userId = identifierParam(request, 'user', 'user');
      await authorize(request, realm, userId);
      if (!(await deps.userExists(realm.userType, userId))) throw httpError(404, `No user ${userId}`);
      try {
        return await handler(realm.name, userId, request, reply);
      } catch (error) {
        throw deviceHttpError(error);
      }
    };

  const twoFaKind = (request: FastifyRequest): DeviceKind => {
    const kind = TWO_FA_KINDS.find((candidate) => candidate === params(request).kind);
    if (kind === undefined) throw httpError(404, `No device type ${(params(request).kind ?? '').slice(0, 64)}`);
    return kind;
  };

  /** The user's profile addressed by identifier or uuid. */
  const profileOf = async (realm: string, userId: string, id: string): Promise<DeviceView> => {
    const found = (await deps.devices.views(realm, userId, 'profile')).find((view) => view.id === id || profileIdentifier(view) === id);
    if (found === undefined) throw httpError(404, `No device profile ${id}`);
    return found;
  };

  const twoFaDevice = async (realm: string, userId: string, kind: DeviceKind, id: string): Promise<DeviceView> => {
    const found = (await deps.devices.views(realm, userId, kind)).find((view) => view.id === id);
    if (found === undefined) throw httpError(404, `No ${kind} device ${id}`);
    return found;
  };

  for (const realmBase of [`${prefix}/realms/root`, `${prefix}/realms/root/realms/:realm`]) {
    const base = `${realmBase}/users/:user/devices`;

    app.get(
      `${base}/2fa/:kind`,
      route(async (realm, userId, request, reply) => {
        const kind = twoFaKind(request);
        return reply.send(listEnvelope(filtered(request, (await deps.devices.views(realm, userId, kind)).map(twoFaAnswer))));
      }),
    );
    app.get(
      `${base}/2fa/:kind/:id`,
      route(async (realm, userId, request, reply) => reply.send(twoFaAnswer(await twoFaDevice(realm, userId, twoFaKind(request), identifierParam(request, 'id', 'device'))))),
    );
    app.put(
      `${base}/2fa/:kind/:id`,
      { bodyLimit: BODY_LIMIT },
      route(async (realm, userId, request, reply) => {
        const kind = twoFaKind(request);
        const id = identifierParam(request, 'id', 'device');
        const renamed = await deps.devices.rename(realm, userId, kind, id, bodyField(request, 'deviceName'));
        if (renamed === undefined) throw httpError(404, `No ${kind} device ${id}`);
        return reply.send(twoFaAnswer(renamed));
      }),
    );
    app.delete(
      `${base}/2fa/:kind/:id`,
      { bodyLimit: BODY_LIMIT },
      route(async (realm, userId, request, reply) => {
        const kind = twoFaKind(request);
        const device = await twoFaDevice(realm, userId, kind, identifierParam(request, 'id', 'device'));
        if (!(await deps.devices.remove(realm, userId, kind, device.id))) throw httpError(404, `No ${kind} device ${device.id}`);
        return reply.send(twoFaAnswer(device));
      }),
    );

    app.get(
      `${base}/profile`,
      route(async (realm, userId, request, reply) => reply.send(listEnvelope(filtered(request, (await deps.devices.views(realm, userId, 'profile')).map(profileAnswer))))),
    );
    app.get(
      `${base}/profile/:id`,
      route(async (realm, userId, request, reply) => reply.send(profileAnswer(await profileOf(realm, userId, identifierParam(request, 'id', 'device profile'))))),
    );
    app.put(
      `${base}/profile/:id`,
      { bodyLimit: BODY_LIMIT },
      route(async (realm, userId, request, reply) => {
        const device = await profileOf(realm, userId, identifierParam(request, 'id', 'device profile'));
        const renamed = await deps.devices.rename(realm, userId, 'profile', device.id, bodyField(request, 'alias'));
        if (renamed === undefined) throw httpError(404, `No device profile ${device.id}`);
        return reply.send(profileAnswer(renamed));
      }),
    );
    app.delete(
      `${base}/profile/:id`,
      { bodyLimit: BODY_LIMIT },
      route(async (realm, userId, request, reply) => {
        const device = await profileOf(realm, userId, identifierParam(request, 'id', 'device profile'));
        if (!(await deps.devices.remove(realm, userId, 'profile', device.id))) throw httpError(404, `No device profile ${device.id}`);
        return reply.send(profileAnswer(device));
      }),
    );

    app.get(
      `${base}/recoverycodes`,
      route(async (realm, userId, _request, reply) => reply.send(listEnvelope((await deps.devices.views(realm, userId, 'recovery')).map(recoveryAnswer)))),
    );
  }
}
