/**
 * The bodies of script secret writes, from outside and so hostile (own properties only, sizes
 * bounded): a secret (`{"valueBase64", "description", "encoding", "useInPlaceholders"}`, as
 * Identity Cloud's `PUT /environment/secrets/<id>` takes it), a new version (`{"valueBase64"}`)
 * and a description (`{"description"}`). Every bad field is named; a value is never quoted.
 */
import { isJsonObject } from '../json/is-json-object.ts';
import { type ScriptSecretFieldError, scriptSecretError } from './script-secret-errors.ts';

/** The largest value, bytes (as Identity Cloud's ESVs: 64 KiB). */
export const MAX_SCRIPT_SECRET_BYTES = 64 * 1024;

/** The longest description, characters. */
export const MAX_SCRIPT_SECRET_DESCRIPTION = 1000;

/** The encodings a secret may have: `generic` (any bytes), the one scripts read. */
export type ScriptSecretEncoding = 'generic';

/** A secret as a write gives it. */
export interface ScriptSecretWrite {
  /** The value, canonical base64 of 1 to `MAX_SCRIPT_SECRET_BYTES` bytes. */
  valueBase64: string;
  description: string;
  encoding: ScriptSecretEncoding;
  /** Kept as given; Arbor has no configuration placeholders, so it changes nothing. */
  useInPlaceholders: boolean;
}

/** Read-only fields of a secret that a body may carry back (`GET` then `PUT`): ignored. */
const READ_ONLY = new Set(['activeVersion', 'loadedVersion', 'loaded', 'lastChangeDate', 'lastChangedBy', 'createDate']);

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function own(body: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(body, key) ? body[key] : undefined;
}

/** The value of `valueBase64`, or the reason it is refused (never quoting it). */
export function checkValueBase64(value: unknown): { ok: true; valueBase64: string } | { ok: false; reason: string } {
  if (typeof value !== 'string' || value === '') return { ok: false, reason: 'is required: the value, base64-encoded' };
  if (value.length > Math.ceil(MAX_SCRIPT_SECRET_BYTES / 3) * 4) return { ok: false, reason: `is longer than ${MAX_SCRIPT_SECRET_BYTES} bytes once decoded` };
  if (!BASE64.test(value)) return { ok: false, reason: 'is not base64 (A-Z, a-z, 0-9, +, / and = padding)' };
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length > MAX_SCRIPT_SECRET_BYTES) return { ok: false, reason: `is longer than ${MAX_SCRIPT_SECRET_BYTES} bytes once decoded` };
  return { ok: true, valueBase64: bytes.toString('base64') };
}

function description(value: unknown, errors: ScriptSecretFieldError[]): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') errors.push({ field: 'description', reason: 'must be a string' });
  else if (value.length > MAX_SCRIPT_SECRET_DESCRIPTION) errors.push({ field: 'description', reason: `is longer than ${MAX_SCRIPT_SECRET_DESCRIPTION} characters` });
  else return value;
  return '';
}

function refuse(errors: ScriptSecretFieldError[]): never {
  throw scriptSecretError('INVALID_SECRET', `the secret is refused: ${errors.map((error) => `${error.field} ${error.reason}`).join('; ')}`, errors);
}

function objectBody(body: unknown): Record<string, unknown> {
  if (!isJsonObject(body)) refuse([{ field: '', reason: 'the body must be a JSON object' }]);
  return body;
}

function unknownFields(body: Record<string, unknown>, known: ReadonlySet<string>, errors: ScriptSecretFieldError[]): void {
  for (const key of Object.keys(body).slice(0, 64)) {
    if (!known.has(key) && !READ_ONLY.has(key)) errors.push({ field: key.slice(0, 64), reason: 'is not a field of a secret' });
  }
}

const SECRET_FIELDS: ReadonlySet<string> = new Set(['_id', 'valueBase64', 'description', 'encoding', 'useInPlaceholders']);

/** A secret's metadata as a write gives it. */
export type ScriptSecretMetadataWrite = Omit<ScriptSecretWrite, 'valueBase64'>;

/** The metadata fields of `object` (every field but `valueBase64`, which the caller reads), bad ones added to `errors`. */
function metadataOf(id: string, object: Record<string, unknown>, errors: ScriptSecretFieldError[]): ScriptSecretMetadataWrite {
  unknownFields(object, SECRET_FIELDS, errors);
  const givenId = own(object, '_id');
  if (givenId !== undefined && givenId !== id) errors.push({ field: '_id', reason: 'must be the id in the path' });
  const encoding = own(object, 'encoding');
  if (encoding !== undefined && encoding !== 'generic') errors.push({ field: 'encoding', reason: 'must be "generic" (pem, base64hmac and base64aes keys are not supported)' });
  const placeholders = own(object, 'useInPlaceholders');
  if (placeholders !== undefined && typeof placeholders !== 'boolean') errors.push({ field: 'useInPlaceholders', reason: 'must be true or false' });
  return { description: description(own(object, 'description'), errors), encoding: 'generic', useInPlaceholders: placeholders === true };
}

/** The secret `id`'s write in `body`; INVALID_SECRET naming every bad field otherwise. */
export function parseScriptSecretBody(id: string, body: unknown): ScriptSecretWrite {
  const object = objectBody(body);
  const errors: ScriptSecretFieldError[] = [];
  const metadata = metadataOf(id, object, errors);
  const value = checkValueBase64(own(object, 'valueBase64'));
  if (!value.ok) errors.push({ field: 'valueBase64', reason: value.reason });
  if (errors.length > 0 || !value.ok) refuse(errors);
  return { ...metadata, valueBase64: value.valueBase64 };
}

/** The metadata of the secret `id` in `body`, whatever its `valueBase64` holds (a config-as-code reference). */
export function parseScriptSecretMetadata(id: string, body: unknown): ScriptSecretMetadataWrite {
  const errors: ScriptSecretFieldError[] = [];
  const metadata = metadataOf(id, objectBody(body), errors);
  if (errors.length > 0) refuse(errors);
  return metadata;
}

/** The value of a new version in `body` (`{"valueBase64"}`). */
export function parseScriptSecretVersionBody(body: unknown): string {
  const object = objectBody(body);
  const errors: ScriptSecretFieldError[] = [];
  unknownFields(object, new Set(['valueBase64']), errors);
  const value = checkValueBase64(own(object, 'valueBase64'));
  if (!value.ok) errors.push({ field: 'valueBase64', reason: value.reason });
  if (errors.length > 0 || !value.ok) refuse(errors);
  return value.valueBase64;
}

/** The description in `body` (`{"description"}`). */
export function parseScriptSecretDescriptionBody(body: unknown): string {
  const object = objectBody(body);
  const errors: ScriptSecretFieldError[] = [];
  unknownFields(object, new Set(['description']), errors);
  const text = description(own(object, 'description'), errors);
  if (errors.length > 0) refuse(errors);
  return text;
}
