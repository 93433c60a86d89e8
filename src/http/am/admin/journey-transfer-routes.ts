/**
 * Journey export and import over AM's trees collection, administrators of the realm only (the
 * admin app's Journeys list uses them), under
 * `…/json/realms/root[/realms/<r>]/realm-config/authentication/authenticationtrees/trees`:
 * - `POST …?_action=export` with `{"names": ["Login"], "innerTrees": true}` answers a Frodo
 *   multi-tree export of those journeys (and the inner trees they reach, with `innerTrees`), each
 *   tree with its scripts, node types and social identity providers, no secrets; an unknown name is a 404;
 * - `POST …?_action=import` with `{"files": [{"name": "Login.journey.json", "content": {…}}]}`
 *   (what `arbor journey import` reads: Frodo, AM REST, Amster, platform UI exports) imports every
 *   journey of the files or none: a 400 whose `detail.problems` lists every reason, or 200 with
 *   what was imported. The body may be up to `IMPORT_BODY_LIMIT` bytes.
 * Without the platform's transfer service (an app built without its store) nothing is registered.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RealmConfig } from '../../../config/realm-config.ts';
import type { JourneyTransfer } from '../../../journeys/admin/journey-transfer.ts';
import type { TreeAdminErrorCode } from '../../../journeys/admin/tree-admin-errors.ts';
import { isTreeAdminError } from '../../../journeys/admin/tree-admin-errors.ts';
import type { JourneyFile } from '../../../journeys/trees/read-journey-batch.ts';
import { httpError } from '../../errors.ts';
import { pathParams, realmRoute } from '../admin-route.ts';

/** What the routes use. */
export interface JourneyTransferRouteDeps {
  journeyTransfer?: JourneyTransfer | undefined;
  realms: { get(name: string): Promise<RealmConfig | undefined> };
  /** Passes administrators of `realm`; throws the 401/403 otherwise. */
  requireAdministrator(request: FastifyRequest, realm: string): Promise<void>;
}

/** The largest import body: 10 MiB (a realm's every journey with its scripts fits many times). */
export const IMPORT_BODY_LIMIT = 10 * 1024 * 1024;
/** The most files, and journeys named, per call. */
const MAX_FILES = 50;
const MAX_NAMES = 100;

const SERVICE = 'realm-config/authentication/authenticationtrees/trees';
const STATUS: Partial<Record<TreeAdminErrorCode, number>> = { TREE_NOT_FOUND: 404 };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function asHttpError(error: unknown): unknown {
  if (!isTreeAdminError(error)) return error;
  return httpError(STATUS[error.code] ?? 400, error.message);
}

/** The export's body: the journey names (1 to 100, each 1 to 256 characters) and `innerTrees`. */
export function readExportBody(body: unknown): { names: string[]; innerTrees: boolean } {
  if (!isRecord(body)) throw httpError(400, 'The body must be an object: {"names": ["<journey>", …], "innerTrees": true|false}');
  const names = own(body, 'names');
  if (!Array.isArray(names) || names.length === 0 || names.length > MAX_NAMES) throw httpError(400, `names must list 1 to ${MAX_NAMES} journey names`);
  for (const name of names) if (typeof name !== 'string' || name === '' || name.length > 256) throw httpError(400, 'Each name must be a text of 1 to 256 characters');
  const innerTrees = own(body, 'innerTrees') ?? false;
  if (typeof innerTrees !== 'boolean') throw httpError(400, 'innerTrees must be true or false');
  return { names: names.filter((name): name is string => typeof name === 'string'), innerTrees };
}

/** The import's body: 1 to 50 files, each `{name, content}` with the file's JSON. */
export function readImportBody(body: unknown): JourneyFile[] {
  if (!isRecord(body)) throw httpError(400, 'The body must be an object: {"files": [{"name": "<file name>", "content": <the file’s JSON>}, …]}');
  const files = own(body, 'files');
  if (!Array.isArray(files) || files.length === 0 || files.length > MAX_FILES) throw httpError(400, `files must list 1 to ${MAX_FILES} files`);
  return files.map((file, index) => {
    const name = isRecord(file) ? own(file, 'name') : undefined;
    const content = isRecord(file) ? own(file, 'content') : undefined;
    if (typeof name !== 'string' || name === '' || name.length > 200) throw httpError(400, `files[${index}].name must be a text of 1 to 200 characters`);
    if (content === undefined) throw httpError(400, `files[${index}].content must be the file’s JSON`);
    return { name, json: content };
  });
}

function action(request: FastifyRequest): 'export' | 'import' {
  const name = isRecord(request.query) ? own(request.query, '_action') : undefined;
  if (name === 'export' || name === 'import') return name;
  throw httpError(400, `Action ${typeof name === 'string' ? name.slice(0, 64) : '(none)'} is not supported here; use export, import`);
}

/** Registers the routes for the root realm and its sub-realms under `/am/json` and `/json`. */
export function registerJourneyTransferRoutes(app: FastifyInstance, deps: JourneyTransferRouteDeps): void {
  const transfer = deps.journeyTransfer;
  if (transfer === undefined) return;
  const route = realmRoute(deps, asHttpError);
  for (const prefix of ['/am/json', '/json']) {
    for (const base of [`${prefix}/realms/root/${SERVICE}`, `${prefix}/realms/root/realms/:realm/${SERVICE}`]) {
      app.post(
        base,
        {
          bodyLimit: IMPORT_BODY_LIMIT,
          // Only the realm's administrators may make Arbor read a body this large: checked before it is read.
          onRequest: async (request) => deps.requireAdministrator(request, pathParams(request).realm ?? 'root'),
        },
        route(async (realm, _name, request, reply) => {
          if (action(request) === 'export') {
            const { names, innerTrees } = readExportBody(request.body);
            const bundle = await transfer.exportJourneys({ realm: realm.name, names, innerTrees });
            return reply.send(bundle.file);
          }
          const outcome = await transfer.importJourneys(realm.name, readImportBody(request.body));
          if (!outcome.imported) {
            const count = outcome.problems.length;
            throw httpError(400, `Nothing was imported: ${count === 1 ? 'one problem' : `${count} problems`} found`, { problems: outcome.problems });
          }
          return reply.send(outcome);
        }),
      );
    }
  }
}
