/**
 * Reads a script as AM's REST API and journey exports carry it, strictly: the id (letters,
 * digits, `.`, `_`, `-`), a name, the source in base64 (valid UTF-8, at most 1 MiB once decoded;
 * Frodo's forms are read too when allowed: a list of lines, or the text as a JSON string), `JAVASCRIPT` or
 * `GROOVY`, an upper-case context, evaluator `1.0` or `2.0`. Every bad field is named; nothing
 * else is accepted. The source is kept exactly as given, so an export gives back the same text.
 */
import type { AmScript } from './am-script.ts';

/** The largest script source accepted, in bytes once decoded. */
export const SCRIPT_SOURCE_LIMIT = 1024 * 1024;

/** What a script id may be: AM's UUIDs and other plain ids, at most 128 characters. */
export const SCRIPT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

const CONTEXT_PATTERN = /^[A-Z][A-Z0-9_]{0,99}$/;
const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const NAME_LIMIT = 255;
const DESCRIPTION_LIMIT = 4096;

/** The fields a write gives; who changed the script when is the store's business. */
export type AmScriptFields = Pick<AmScript, '_id' | 'name' | 'description' | 'script' | 'language' | 'context' | 'evaluatorVersion' | 'default'>;

/** The audit fields an export may carry, kept on import when well-formed. */
export type AmScriptAudit = Partial<Pick<AmScript, 'createdBy' | 'creationDate' | 'lastModifiedBy' | 'lastModifiedDate'>>;

/** One bad field and why. */
export interface ScriptFieldError {
  field: string;
  reason: string;
}

/** A script read, or every reason it cannot be. */
export type ParsedAmScript = { ok: true; fields: AmScriptFields; audit: AmScriptAudit } | { ok: false; errors: ScriptFieldError[] };

/** How to read. */
export interface ParseAmScriptOptions {
  /** The id the script must have (the URL's, the export's key); the body's `_id` must match it when present. */
  id: string;
  /**
   * Accept Frodo's forms of `script`: a list of lines (its string-array exports), joined with
   * `\n`, or the text as a JSON string (`"\"outcome = …\""`, its other exports).
   */
  allowFrodoForms?: boolean;
}

const KNOWN_FIELDS: ReadonlySet<string> = new Set([
  '_id',
  '_rev',
  'name',
  'description',
  'script',
  'language',
  'context',
  'evaluatorVersion',
  'default',
  'createdBy',
  'creationDate',
  'lastModifiedBy',
  'lastModifiedDate',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(body: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(body, name) ? body[name] : undefined;
}

/** The text of a JSON string literal, or undefined. */
function jsonStringText(value: string): string | undefined {
  if (!value.startsWith('"')) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** `text` as a base64 source, or why not. */
function encodeText(text: string): { ok: true; base64: string } | { ok: false; reason: string } {
  if (Buffer.byteLength(text, 'utf8') > SCRIPT_SOURCE_LIMIT) return { ok: false, reason: `is larger than ${SCRIPT_SOURCE_LIMIT} bytes` };
  return { ok: true, base64: Buffer.from(text, 'utf8').toString('base64') };
}

/** The base64 source of `value`, or why it is not one. */
function readSource(value: unknown, frodoForms: boolean): { ok: true; base64: string } | { ok: false; reason: string } {
  if (frodoForms && Array.isArray(value)) {
    if (!value.every((line) => typeof line === 'string')) return { ok: false, reason: 'must be base64 text, a list of lines (strings) or the text as a JSON string' };
    return encodeText(value.join('\n'));
  }
  if (frodoForms && typeof value === 'string' && value.length <= SCRIPT_SOURCE_LIMIT * 6 + 2) {
    const text = jsonStringText(value);
    if (text !== undefined) return encodeText(text);
  }
  if (typeof value !== 'string') return { ok: false, reason: 'must be the source in base64' };
  if (value.length > Math.ceil(SCRIPT_SOURCE_LIMIT / 3) * 4) return { ok: false, reason: `is larger than ${SCRIPT_SOURCE_LIMIT} bytes` };
  if (!BASE64_PATTERN.test(value)) return { ok: false, reason: 'is not valid base64 (A–Z, a–z, 0–9, +, /, padded with =, no line breaks)' };
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length > SCRIPT_SOURCE_LIMIT) return { ok: false, reason: `is larger than ${SCRIPT_SOURCE_LIMIT} bytes` };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, reason: 'does not decode to UTF-8 text' };
  }
  return { ok: true, base64: value };
}

function optionalString(body: Record<string, unknown>, name: string, errors: ScriptFieldError[]): string | undefined {
  const value = field(body, name);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  errors.push({ field: name, reason: 'must be a string' });
  return undefined;
}

function optionalTime(body: Record<string, unknown>, name: string, errors: ScriptFieldError[]): number | undefined {
  const value = field(body, name);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  errors.push({ field: name, reason: 'must be a time in milliseconds since 1970' });
  return undefined;
}

/** Reads `body` as a script with id `options.id`. */
export function parseAmScript(body: unknown, options: ParseAmScriptOptions): ParsedAmScript {
  if (!isRecord(body)) return { ok: false, errors: [{ field: '', reason: 'a script must be a JSON object' }] };
  const errors: ScriptFieldError[] = [];
  const bad = (name: string, reason: string): void => void errors.push({ field: name, reason });
  for (const key of Object.keys(body)) if (!KNOWN_FIELDS.has(key)) bad(key, 'is not a field of a script');

  if (!SCRIPT_ID_PATTERN.test(options.id)) bad('_id', `'${options.id}' is not a script id (letters, digits, '.', '_', '-'; at most 128)`);
  const id = field(body, '_id');
  if (id !== undefined && id !== options.id) bad('_id', `must be '${options.id}' (the script's id), found ${JSON.stringify(id)}`);

  const name = field(body, 'name');
  if (typeof name !== 'string' || name.trim() === '') bad('name', 'is required (a non-empty string)');
  else if (name.length > NAME_LIMIT) bad('name', `is longer than ${NAME_LIMIT} characters`);
  else if ([...name].some((char) => (char.codePointAt(0) ?? 0) < 0x20 || char === '\u007f')) bad('name', 'must not contain control characters');

  const description = optionalString(body, 'description', errors) ?? '';
  if (description.length > DESCRIPTION_LIMIT) bad('description', `is longer than ${DESCRIPTION_LIMIT} characters`);

  const source = readSource(field(body, 'script'), options.allowFrodoForms === true);
  if (!source.ok) bad('script', source.reason);

  const language = field(body, 'language');
  if (language !== 'JAVASCRIPT' && language !== 'GROOVY') bad('language', `must be JAVASCRIPT or GROOVY, found ${JSON.stringify(language ?? null)}`);

  const context = field(body, 'context');
  if (typeof context !== 'string' || !CONTEXT_PATTERN.test(context)) bad('context', `must be a script context such as AUTHENTICATION_TREE_DECISION_NODE, found ${JSON.stringify(context ?? null)}`);

  const evaluatorVersion = field(body, 'evaluatorVersion') ?? '1.0';
  if (evaluatorVersion !== '1.0' && evaluatorVersion !== '2.0') bad('evaluatorVersion', `must be "1.0" or "2.0", found ${JSON.stringify(evaluatorVersion)}`);

  const isDefault = field(body, 'default') ?? false;
  if (typeof isDefault !== 'boolean') bad('default', 'must be true or false');

  const audit: AmScriptAudit = {};
  const createdBy = optionalString(body, 'createdBy', errors);
  const creationDate = optionalTime(body, 'creationDate', errors);
  const lastModifiedBy = optionalString(body, 'lastModifiedBy', errors);
  const lastModifiedDate = optionalTime(body, 'lastModifiedDate', errors);
  if (createdBy !== undefined) audit.createdBy = createdBy;
  if (creationDate !== undefined) audit.creationDate = creationDate;
  if (lastModifiedBy !== undefined) audit.lastModifiedBy = lastModifiedBy;
  if (lastModifiedDate !== undefined) audit.lastModifiedDate = lastModifiedDate;

  if (errors.length > 0 || !source.ok) return { ok: false, errors };
  return {
    ok: true,
    fields: {
      _id: options.id,
      name: String(name),
      description,
      script: source.base64,
      language: language === 'GROOVY' ? 'GROOVY' : 'JAVASCRIPT',
      context: String(context),
      evaluatorVersion: String(evaluatorVersion),
      default: isDefault === true,
    },
    audit,
  };
}

/** The errors as one sentence: `script: is not valid base64; language: must be …`. */
export function describeScriptErrors(errors: readonly ScriptFieldError[]): string {
  return errors.map((error) => (error.field === '' ? error.reason : `${error.field}: ${error.reason}`)).join('; ');
}
