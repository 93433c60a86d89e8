/**
 * The script editor's calls to AM's scripts REST (`…/realms/<realm>/scripts/<id>`): reading a
 * script (its source decoded from base64), writing its new source back with `PUT`, the rest of
 * the script unchanged, and creating a new one (`POST …/scripts?_action=create`). Answers are
 * hostile input; failures throw `AmRequestError` (a refused creation: `ScriptWriteError`, with the
 * fields the server names).
 */
import { AmRequestError, call, isRecord, own, realmBase } from './am-client.ts';
import type { FieldError } from './field-errors.ts';
import { fieldErrorsOf } from './field-errors.ts';
import { decodeScript, encodeScript } from './script-model.ts';
import { sendJson } from './send-json.ts';

/** A refused script write: besides the status and message, the bad fields (`detail.errors`), if named. */
export class ScriptWriteError extends AmRequestError {
  readonly fields: FieldError[];
  constructor(status: number, message: string, fields: FieldError[]) {
    super(status, message);
    this.fields = fields;
  }
}

/** A script of the realm, as the editor shows it. */
export interface EditableScript {
  id: string;
  name: string;
  language: string;
  evaluatorVersion: string;
  /** The source, decoded. */
  source: string;
  /** The whole script as read, written back with the new source. */
  stored: Record<string, unknown>;
}

function scriptPath(realm: string, id: string): string {
  return `${realmBase(realm)}/scripts/${encodeURIComponent(id)}`;
}

function editable(answer: unknown): EditableScript {
  if (!isRecord(answer)) throw new AmRequestError(502, 'Arbor answered something that is not a script');
  const field = (key: string): string => {
    const value = own(answer, key);
    return typeof value === 'string' ? value : '';
  };
  return { id: field('_id'), name: field('name'), language: field('language'), evaluatorVersion: field('evaluatorVersion'), source: decodeScript(field('script')), stored: answer };
}

/** Script `id` of `realm`. */
export async function readScript(realm: string, id: string): Promise<EditableScript> {
  return editable(await call('GET', scriptPath(realm, id)));
}

/** Writes `source` as the script's new source; answers the script as stored. */
export async function putScript(realm: string, script: EditableScript, source: string): Promise<EditableScript> {
  const { _rev: _ignored, ...fields } = script.stored;
  return editable(await call('PUT', scriptPath(realm, script.id), { ...fields, script: encodeScript(source) }));
}

/** Creates a script in `realm` from `body` (its id chosen by the server); answers it as stored. */
export async function createScript(realm: string, body: Record<string, unknown>): Promise<EditableScript> {
  const answer = await sendJson('POST', `${realmBase(realm)}/scripts?_action=create`, {
    body,
    headers: { 'accept-api-version': 'resource=1.0' },
    failure: (status, message, json) => new ScriptWriteError(status, message, fieldErrorsOf(json)),
  });
  return editable(answer);
}
