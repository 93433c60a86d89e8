/**
 * The admin app's calls to the realm's OAuth 2.0 clients (`…/realm-config/agents/OAuth2Client`,
 * AM's REST, same origin, with the session cookie): list, read, create or replace (`PUT`) and
 * delete. Answers are hostile input, read through guards; a failed call throws a
 * `ClientRequestError` (an `AmRequestError`, so that the shell treats a 401 as an ended session)
 * carrying the bad fields of a refused write (`detail.errors`).
 */
import { sendJson } from './send-json.ts';
import { AmRequestError, isRecord, own, realmBase } from './am-client.ts';
import type { FieldError } from './clients-model.ts';
import { fieldErrorsOf } from './field-errors.ts';

/** A failed call; `fields` lists the bad fields of a refused write, if any. */
export class ClientRequestError extends AmRequestError {
  readonly fields: FieldError[];
  constructor(status: number, message: string, fields: FieldError[] = []) {
    super(status, message);
    this.fields = fields;
  }
}

export { fieldErrorsOf };

function clientsPath(realm: string): string {
  return `${realmBase(realm)}/realm-config/agents/OAuth2Client`;
}

function clientPath(realm: string, id: string): string {
  return `${clientsPath(realm)}/${encodeURIComponent(id)}`;
}

async function call(method: 'GET' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<{ json: unknown }> {
  const json = await sendJson(method, path, { body, headers: { 'accept-api-version': 'protocol=2.1,resource=1.0' }, failure: (status, message, answer) => new ClientRequestError(status, message, fieldErrorsOf(answer)) });
  return { json };
}

/** Every client of `realm`, in AM's JSON, sorted by id. */
export async function listClients(realm: string): Promise<Record<string, unknown>[]> {
  const { json } = await call('GET', `${clientsPath(realm)}?_queryFilter=true`);
  const result = isRecord(json) ? own(json, 'result') : undefined;
  if (!Array.isArray(result)) return [];
  return result
    .filter(isRecord)
    .filter((client) => typeof own(client, '_id') === 'string')
    .sort((a, b) => String(own(a, '_id')).localeCompare(String(own(b, '_id'))));
}

/** One client in AM's JSON, or undefined when the realm has none of that id. */
export async function readClient(realm: string, id: string): Promise<Record<string, unknown> | undefined> {
  try {
    const { json } = await call('GET', clientPath(realm, id));
    if (!isRecord(json)) throw new ClientRequestError(502, 'Arbor answered something that is not a client');
    return json;
  } catch (error) {
    if (error instanceof ClientRequestError && error.status === 404) return undefined;
    throw error;
  }
}

/** Creates or replaces client `id`; the client as stored (never its secret). */
export async function putClient(realm: string, id: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { json } = await call('PUT', clientPath(realm, id), body);
  if (!isRecord(json)) throw new ClientRequestError(502, 'Arbor answered something that is not a client');
  return json;
}

/** Deletes client `id`. */
export async function deleteClient(realm: string, id: string): Promise<void> {
  await call('DELETE', clientPath(realm, id));
}
