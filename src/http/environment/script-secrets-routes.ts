/**
 * Identity Cloud's ESV secrets API for the secrets scripts read (`secrets.getGenericSecret`),
 * tenant-wide, administrators only (auditors may read the metadata, never change anything):
 * - `GET /environment/secrets`: every secret's metadata in the list envelope;
 * - `GET /environment/secrets/<id>`: one secret's metadata;
 * - `PUT /environment/secrets/<id>` with `{"encoding": "generic", "useInPlaceholders": false,
 *   "valueBase64": "…", "description": "…"}`: creates (201) or replaces (200);
 * - `POST /environment/secrets/<id>?_action=setDescription` with `{"description": "…"}`;
 * - `GET /environment/secrets/<id>/versions` and `POST …/versions?_action=create` with
 *   `{"valueBase64": "…"}` (a new active version; Arbor keeps the active one only);
 * - `DELETE /environment/secrets/<id>`.
 * A value is never answered, and never named in an error. Writes go through the audited store:
 * each is a `config` audit event without the sealed value.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { currentAuditContext } from '../../audit/audit-context.ts';
import { parseScriptSecretBody, parseScriptSecretDescriptionBody, parseScriptSecretVersionBody } from '../../secrets/parse-script-secret-body.ts';
import type { ScriptSecretMetadata } from '../../secrets/script-secret-document.ts';
import { isScriptSecretError } from '../../secrets/script-secret-errors.ts';
import type { ScriptSecrets } from '../../secrets/script-secrets.ts';
import { httpError } from '../errors.ts';

/** What the routes use. */
export interface ScriptSecretsRouteDeps {
  /** Over the uncached configuration documents whose writes are audited and announced. */
  secrets: ScriptSecrets;
  /** Passes administrators (and auditors on reads); throws the 401/403 otherwise. */
  requireAdministrator(request: FastifyRequest): Promise<void>;
}

const BASE = '/environment/secrets';

function idOf(request: FastifyRequest): string {
  return (request.params as Record<string, string | undefined>).id ?? '';
}

function actionOf(request: FastifyRequest): string | undefined {
  const query = request.query as Record<string, unknown> | undefined;
  const action = query !== undefined && Object.hasOwn(query, '_action') ? query._action : undefined;
  return typeof action === 'string' ? action : undefined;
}

/** Who `lastChangedBy` names: the signed-in administrator. */
async function writer(): Promise<string> {
  const actor = await currentAuditContext()
    ?.actor()
    .catch(() => undefined);
  return actor?.username ?? 'administrator';
}

function asHttpError(error: unknown): unknown {
  if (!isScriptSecretError(error)) return error;
  if (error.code === 'SECRET_NOT_FOUND') return httpError(404, error.message);
  if (error.code === 'INVALID_SECRET') return httpError(400, error.message, { errors: error.fields.map((field) => ({ ...field })) });
  return httpError(400, error.message);
}

function route(deps: ScriptSecretsRouteDeps, handler: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    try {
      await deps.requireAdministrator(request);
      return await handler(request, reply);
    } catch (error) {
      throw asHttpError(error);
    }
  };
}

function found(id: string, secret: ScriptSecretMetadata | undefined): ScriptSecretMetadata {
  if (secret === undefined) throw httpError(404, `no secret ${id}`);
  return secret;
}

/** Registers the routes. */
export function registerScriptSecretsRoutes(app: FastifyInstance, deps: ScriptSecretsRouteDeps): void {
  const { secrets } = deps;

  app.get(
    BASE,
    route(deps, async (_request, reply) => {
      const result = await secrets.list();
      return reply.send({ result, resultCount: result.length, pagedResultsCookie: null, totalPagedResultsPolicy: 'NONE', totalPagedResults: -1, remainingPagedResults: -1 });
    }),
  );

  app.get(
    `${BASE}/:id`,
    route(deps, async (request, reply) => reply.send(found(idOf(request), await secrets.get(idOf(request))))),
  );

  app.put(
    `${BASE}/:id`,
    route(deps, async (request, reply) => {
      const id = idOf(request);
      const write = parseScriptSecretBody(id, request.body);
      const { created, secret } = await secrets.put(id, write, await writer());
      return reply.code(created ? 201 : 200).send(secret);
    }),
  );

  app.post(
    `${BASE}/:id`,
    route(deps, async (request, reply) => {
      const action = actionOf(request);
      if (action !== 'setDescription') throw httpError(400, `_action must be setDescription, got ${JSON.stringify((action ?? '').slice(0, 64))}`);
      return reply.send(await secrets.updateMetadata(idOf(request), { description: parseScriptSecretDescriptionBody(request.body) }, await writer()));
    }),
  );

  app.delete(
    `${BASE}/:id`,
    route(deps, async (request, reply) => reply.send(found(idOf(request), await secrets.delete(idOf(request))))),
  );

  app.get(
    `${BASE}/:id/versions`,
    route(deps, async (request, reply) => reply.send(await secrets.versions(idOf(request)))),
  );

  app.post(
    `${BASE}/:id/versions`,
    route(deps, async (request, reply) => {
      const action = actionOf(request);
      if (action !== 'create') throw httpError(400, `_action must be create, got ${JSON.stringify((action ?? '').slice(0, 64))}`);
      const id = idOf(request);
      const before = await secrets.get(id);
      const version = await secrets.createVersion(id, parseScriptSecretVersionBody(request.body), await writer());
      return reply.code(before !== undefined && before.activeVersion === version.version ? 200 : 201).send(version);
    }),
  );
}
