/**
 * The host operations behind the asynchronous bindings, by name: `http` (`script-http.ts`),
 * `idm.*` (`openidm` over `managed/<type>[/<id>]` paths), `idrepo.*` (`idRepository`, by user
 * name or id in the tree's identity resource) and `secrets.get` (`secrets.getGenericSecret`: the
 * value of the ESV secret a label names, as base64, at most `MAX_SECRETS_PER_RUN` secrets a run;
 * a missing one is a catchable `NO_SUCH_SECRET` naming the secret, never a value). Arguments come
 * from the script: each is checked.
 */
import type { ScriptHost } from './script-host.ts';
import { scriptHostError } from './script-host.ts';
import { sendScriptRequest } from './script-http.ts';
import type { ScriptHttpOptions } from './script-http.ts';
import type { ScriptIdentity, ScriptObject } from './script-identity.ts';
import { scriptSecretIdOf } from './script-secret-label.ts';

/** What the host operations use. */
export interface ScriptHostDeps {
  http: ScriptHttpOptions;
  identity: ScriptIdentity;
  /** The managed type of the tree's identity resource (`alpha_user`), for `idRepository`. */
  userType: string;
  /** The tenant's script secrets, for `secrets`: a secret's value, undefined when there is none. */
  secrets: ScriptSecretValues;
}

/** Where `secrets.getGenericSecret` finds values. */
export interface ScriptSecretValues {
  value(id: string): Promise<Uint8Array | undefined>;
}

/** Secrets one run may read (each counted once, however often it is read). */
export const MAX_SECRETS_PER_RUN = 32;

/** Results a query returns at most. */
export const MAX_QUERY_RESULTS = 1000;

function text(args: Record<string, unknown>, key: string): string {
  const value = Object.hasOwn(args, key) ? args[key] : undefined;
  return typeof value === 'string' ? value : '';
}

function record(args: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = Object.hasOwn(args, key) ? args[key] : undefined;
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function resource(path: string): { type: string; id: string | undefined } {
  const match = /^\/?managed\/([A-Za-z0-9_-]+)(?:\/([^/]+))?\/?$/.exec(path);
  if (match?.[1] === undefined) throw scriptHostError('NOT_SUPPORTED', `openidm reaches managed objects only (managed/<type>[/<id>]), not ${JSON.stringify(path)}`);
  return { type: match[1], id: match[2] === undefined ? undefined : decodeURIComponent(match[2]) };
}

function withId(path: string): { type: string; id: string } {
  const { type, id } = resource(path);
  if (id === undefined) throw scriptHostError('BAD_REQUEST', `${path} names no object`);
  return { type, id };
}

function project(object: ScriptObject, fields: unknown): ScriptObject {
  if (!Array.isArray(fields) || fields.length === 0 || fields.includes('*')) return object;
  const out: ScriptObject = { _id: object._id, _rev: object._rev };
  for (const field of fields) if (typeof field === 'string' && Object.hasOwn(object, field)) out[field] = object[field];
  return out;
}

function patchFields(operations: unknown): Record<string, unknown> {
  if (!Array.isArray(operations)) throw scriptHostError('BAD_REQUEST', 'a patch is a list of operations');
  const fields: Record<string, unknown> = {};
  for (const operation of operations) {
    if (typeof operation !== 'object' || operation === null) throw scriptHostError('BAD_REQUEST', 'a patch operation is an object');
    const { operation: kind, field, value } = operation as Record<string, unknown>;
    if (typeof field !== 'string' || !/^\/?[^/]/.test(field)) throw scriptHostError('BAD_REQUEST', 'a patch operation names a field (/name)');
    const path = field.replace(/^\//, '');
    if (kind === 'replace' || kind === 'add') fields[path] = value;
    else if (kind === 'remove') fields[path] = null;
    else throw scriptHostError('BAD_REQUEST', `patch operation ${JSON.stringify(kind)} is not supported (add, replace, remove)`);
  }
  return fields;
}

function values(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list: unknown[] = Array.isArray(value) ? value : [value];
  return list.map((entry) => (typeof entry === 'string' ? entry : JSON.stringify(entry)));
}

/** The host side of the asynchronous bindings over `deps`. */
export function createScriptHost(deps: ScriptHostDeps): ScriptHost {
  const { identity, userType } = deps;
  const user = async (name: string): Promise<ScriptObject> => {
    const found = (await identity.findBy(userType, 'userName', name)) ?? (await identity.read(userType, name));
    if (found === null) throw scriptHostError('NOT_FOUND', `no user ${JSON.stringify(name)}`);
    return found;
  };
  const secretsRead = new Set<string>();
  const secret = async (label: string): Promise<{ valueBase64: string }> => {
    const shown = JSON.stringify(label.length > 128 ? `${label.slice(0, 128)}…` : label);
    const id = scriptSecretIdOf(label);
    if (id === undefined) throw scriptHostError('NO_SUCH_SECRET', `${shown} names no secret: use scripted.node.<name> or an ESV name (esv-<name>)`);
    if (!secretsRead.has(id) && secretsRead.size >= MAX_SECRETS_PER_RUN) throw scriptHostError('TOO_MANY_SECRETS', `a script may read at most ${MAX_SECRETS_PER_RUN} secrets per run`);
    secretsRead.add(id);
    const value = await deps.secrets.value(id);
    if (value === undefined) throw scriptHostError('NO_SUCH_SECRET', `no secret ${id} is stored (asked for as ${shown})`);
    return { valueBase64: Buffer.from(value).toString('base64') };
  };
  return {
    async call(op, argsValue) {
      const args = typeof argsValue === 'object' && argsValue !== null && !Array.isArray(argsValue) ? (argsValue as Record<string, unknown>) : {};
      switch (op) {
        case 'http':
          return sendScriptRequest(args, deps.http);
        case 'idm.create': {
          const { type, id } = resource(text(args, 'resource'));
          const content = record(args, 'content');
          const given = text(args, 'id') || id;
          return identity.create(type, given === undefined || given === '' ? content : { ...content, _id: given });
        }
        case 'idm.read': {
          const { type, id } = withId(text(args, 'resource'));
          return identity.read(type, id);
        }
        case 'idm.update': {
          const { type, id } = withId(text(args, 'resource'));
          const content = { ...record(args, 'content') };
          delete content._id;
          delete content._rev;
          return identity.patch(type, id, content);
        }
        case 'idm.patch': {
          const { type, id } = withId(text(args, 'resource'));
          return identity.patch(type, id, patchFields(args.operations));
        }
        case 'idm.query': {
          const { type } = resource(text(args, 'resource'));
          const params = record(args, 'params');
          const filter = typeof params._queryFilter === 'string' ? params._queryFilter : typeof params._queryId === 'string' && params._queryId === 'query-all-ids' ? 'true' : undefined;
          if (filter === undefined) throw scriptHostError('BAD_REQUEST', 'openidm.query needs a _queryFilter');
          const pageSize = typeof params._pageSize === 'number' && params._pageSize > 0 ? Math.min(params._pageSize, MAX_QUERY_RESULTS) : MAX_QUERY_RESULTS;
          const found = (await identity.query(type, filter, pageSize)).map((object) => project(object, args.fields));
          return { result: found, resultCount: found.length, pagedResultsCookie: null, totalPagedResultsPolicy: 'NONE', totalPagedResults: -1, remainingPagedResults: -1 };
        }
        case 'idm.delete': {
          const { type, id } = withId(text(args, 'resource'));
          return identity.delete(type, id);
        }
        case 'idrepo.get': {
          const found = await user(text(args, 'user'));
          const attribute = text(args, 'attribute');
          return values(Object.hasOwn(found, attribute) ? found[attribute] : undefined);
        }
        case 'idrepo.set': {
          const found = await user(text(args, 'user'));
          const given = values(args.values);
          await identity.patch(userType, String(found._id), { [text(args, 'attribute')]: given.length === 1 ? given[0] : given });
          return null;
        }
        case 'idrepo.add': {
          const found = await user(text(args, 'user'));
          const attribute = text(args, 'attribute');
          const current = values(Object.hasOwn(found, attribute) ? found[attribute] : undefined);
          await identity.patch(userType, String(found._id), { [attribute]: [...current, text(args, 'value')] });
          return null;
        }
        case 'secrets.get':
          return secret(text(args, 'id'));
        default:
          throw scriptHostError('NOT_SUPPORTED', `${op} is not a host operation`);
      }
    },
  };
}
