/**
 * AM's scripts over REST, administrators only, under `…/json/realms/root[/realms/<r>]/scripts`:
 * - `GET …/scripts?_queryFilter=…` (`true`, `name eq "x"`, any CREST filter, evaluated in memory;
 *   `_pageSize` and `_pagedResultsOffset` page it) in AM's list envelope, sorted by name;
 * - `POST …/scripts?_action=create` (a new script, its id a generated UUID unless the body names one);
 * - `GET`, `PUT` (create 201 or replace 200; `If-None-Match: *` only creates, `If-Match` only
 *   replaces) and `DELETE …/scripts/<id>`.
 * Scripts come back in AM's fields (`src/scripting/am-script.ts`). A bad write is a 400 whose
 * `detail.errors` names every bad field (`{field, reason}`); a name another script of the realm
 * has is a 409, as in AM. AM's default scripts that Arbor has built in (`builtin`) are read by id
 * and never written: a PUT of one answers it unchanged.
 */
import { requiredQueryFilter } from './admin-route.ts';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { matchesQueryFilter } from '../../identity/query-filter/evaluate-query-filter.ts';
import type { AmScript } from '../../scripting/am-script.ts';
import { describeScriptErrors, parseAmScript, SCRIPT_ID_PATTERN, SCRIPT_SOURCE_LIMIT } from '../../scripting/parse-am-script.ts';
import type { ScriptStore } from '../../scripting/script-store.ts';
import { httpError } from '../errors.ts';

/** What the routes use. */
export interface ScriptsRouteDeps {
  /** The realms' scripts, over the uncached configuration documents whose writes are announced. */
  scripts: ScriptStore;
  realms: { get(name: string): Promise<unknown> };
  /** Passes administrators; throws the 401/403 otherwise (the other admin routes' check). */
  /** Passes administrators of `realm` (every realm without it); throws 401/403. */
  requireAdministrator(request: FastifyRequest, realm?: string): Promise<void>;
  /** Milliseconds since 1970, for `creationDate` and `lastModifiedDate`. */
  now?: () => number;
  /** AM's default scripts Arbor has built in, answered by `GET …/scripts/<id>` when no script of the realm has that id. */
  builtin?: (id: string) => AmScript | undefined;
}

/** Who `createdBy` and `lastModifiedBy` name: writes here are the administrator's. */
export const SCRIPT_WRITER = 'id=amadmin,ou=user,dc=openam,dc=forgerock,dc=org';

/** Room for a script at the size limit, in base64 inside JSON. */
const BODY_LIMIT = Math.ceil(SCRIPT_SOURCE_LIMIT / 3) * 4 + 64 * 1024;

function params(request: FastifyRequest): Record<string, string | undefined> {
  return request.params as Record<string, string | undefined>;
}

function query(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value.trim() : undefined;
}

function scriptIdOf(request: FastifyRequest): string {
  const id = params(request).id ?? '';
  if (!SCRIPT_ID_PATTERN.test(id)) throw httpError(400, `'${id}' is not a script id: letters, digits, '.', '_' and '-', at most 128 characters`, { errors: [{ field: '_id', reason: 'is not a script id' }] });
  return id;
}

function nonNegativeInteger(request: FastifyRequest, name: string, fallback: number): number {
  const text = query(request, name);
  if (text === undefined) return fallback;
  if (!/^\d{1,9}$/.test(text)) throw httpError(400, `${name} must be a non-negative integer, got "${text}"`);
  return Number(text);
}

/** The list envelope AM answers queries with. */
function listEnvelope(result: AmScript[], total: number, offset: number): Record<string, unknown> {
  return {
    result,
    resultCount: result.length,
    pagedResultsCookie: null,
    totalPagedResultsPolicy: 'EXACT',
    totalPagedResults: total,
    remainingPagedResults: Math.max(0, total - offset - result.length),
  };
}

/** Registers the routes for the root realm and its sub-realms under `prefix` (`/am/json`, `/json`). */
export function registerScriptsRoutes(app: FastifyInstance, deps: ScriptsRouteDeps, prefix: string): void {
  const now = deps.now ?? Date.now;
  const route =
    (handler: (realm: string, request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>) =>
    async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      const realm = params(request).realm ?? 'root';
      await deps.requireAdministrator(request, realm);
      if (!/^[A-Za-z0-9_-]+$/.test(realm) || (await deps.realms.get(realm)) === undefined) throw httpError(404, `Realm ${realm === 'root' ? '/' : `/${realm}`} not found`);
      return handler(realm, request, reply);
    };

  /** The script `body` describes, as `id` in `realm`, checked and stamped; `stored` is what it replaces. */
  const scriptFrom = async (realm: string, id: string, body: unknown, stored: AmScript | undefined): Promise<AmScript> => {
    const parsed = parseAmScript(body, { id });
    if (!parsed.ok) throw httpError(400, `Invalid script: ${describeScriptErrors(parsed.errors)}`, { errors: parsed.errors.map((error) => ({ ...error })) });
    const clash = (await deps.scripts.list(realm)).find((other) => other.name === parsed.fields.name && other._id !== id);
    if (clash !== undefined) throw httpError(409, `A script named '${parsed.fields.name}' already exists in this realm (id ${clash._id})`);
    const time = now();
    return {
      ...parsed.fields,
      createdBy: stored?.createdBy ?? SCRIPT_WRITER,
      creationDate: stored?.creationDate ?? time,
      lastModifiedBy: SCRIPT_WRITER,
      lastModifiedDate: time,
    };
  };

  for (const base of [`${prefix}/realms/root/scripts`, `${prefix}/realms/root/realms/:realm/scripts`]) {
    app.get(
      base,
      route(async (realm, request, reply) => {
        const filter = requiredQueryFilter(request, 'script');
        const matching = (await deps.scripts.list(realm))
          .filter((script) => matchesQueryFilter(filter, { ...script }))
          .sort((a, b) => a.name.localeCompare(b.name) || a._id.localeCompare(b._id));
        const offset = nonNegativeInteger(request, '_pagedResultsOffset', 0);
        const size = nonNegativeInteger(request, '_pageSize', 0);
        const page = size === 0 ? matching.slice(offset) : matching.slice(offset, offset + size);
        return reply.send(listEnvelope(page, matching.length, offset));
      }),
    );
    app.post(
      base,
      { bodyLimit: BODY_LIMIT },
      route(async (realm, request, reply) => {
        const action = query(request, '_action');
        if (action !== 'create') throw httpError(400, `Unknown action "${action ?? ''}"; the action is create`);
        const body: unknown = request.body;
        const record = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
        const named = record !== undefined && Object.hasOwn(record, '_id') ? record._id : undefined;
        if (named !== undefined && typeof named !== 'string') throw httpError(400, 'Invalid script: _id: must be a string', { errors: [{ field: '_id', reason: 'must be a string' }] });
        const id = typeof named === 'string' ? named : randomUUID();
        if (SCRIPT_ID_PATTERN.test(id) && (await deps.scripts.get(realm, id)) !== undefined) throw httpError(409, `A script with id ${id} already exists in this realm`);
        const script = await scriptFrom(realm, id, record === undefined ? body : { ...record, _id: id }, undefined);
        await deps.scripts.put(realm, script);
        return reply.code(201).send(script);
      }),
    );
    const instance = `${base}/:id`;
    app.get(
      instance,
      route(async (realm, request, reply) => {
        const id = scriptIdOf(request);
        const script = (await deps.scripts.get(realm, id)) ?? deps.builtin?.(id);
        if (script === undefined) throw httpError(404, `No script with id ${id}`);
        return reply.send(script);
      }),
    );
    app.put(
      instance,
      { bodyLimit: BODY_LIMIT },
      route(async (realm, request, reply) => {
        const id = scriptIdOf(request);
        const stored = await deps.scripts.get(realm, id);
        // A built-in script is read-only: writing it back (Frodo imports a journey's scripts, defaults included) keeps it as it is.
        const builtin = stored === undefined ? deps.builtin?.(id) : undefined;
        if (builtin !== undefined) return reply.code(200).send(builtin);
        if (header(request, 'if-none-match') === '*' && stored !== undefined) throw httpError(412, `A script with id ${id} already exists (If-None-Match: *)`);
        if (header(request, 'if-match') !== undefined && stored === undefined) throw httpError(412, `No script with id ${id} to replace (If-Match)`);
        const script = await scriptFrom(realm, id, request.body, stored);
        await deps.scripts.put(realm, script);
        return reply.code(stored === undefined ? 201 : 200).send(script);
      }),
    );
    app.delete(
      instance,
      route(async (realm, request, reply) => {
        const id = scriptIdOf(request);
        const stored = await deps.scripts.get(realm, id);
        if (stored === undefined || !(await deps.scripts.delete(realm, id))) throw httpError(404, `No script with id ${id}`);
        return reply.send(stored);
      }),
    );
  }
}
