/**
 * The fields of a node's settings form, from its schema as `?_action=schema` answers it: strings,
 * secrets, numbers, booleans, choices (an `enum`, or TypeBox's `anyOf` of constants), lists of
 * strings, and any other field as JSON text; in `propertyOrder`. The schema is hostile input: only
 * own properties are read, at most `MAX_FIELDS` fields kept.
 */
import { isRecord, own } from './am-client.ts';

/** The most fields a form shows. */
export const MAX_FIELDS = 200;

/** How a field is edited. */
export type FieldKind = 'string' | 'password' | 'number' | 'boolean' | 'choice' | 'strings' | 'json';

/** One field of the form. */
export interface FormField {
  key: string;
  title: string;
  description: string;
  kind: FieldKind;
  /** The choices of a `choice` field. */
  options: string[];
  required: boolean;
}

function choices(property: Record<string, unknown>): string[] | undefined {
  const listed = own(property, 'enum');
  if (Array.isArray(listed) && listed.every((item) => typeof item === 'string')) return listed;
  const anyOf = own(property, 'anyOf');
  if (!Array.isArray(anyOf) || anyOf.length === 0) return undefined;
  const constants = anyOf.map((item) => (isRecord(item) ? own(item, 'const') : undefined));
  return constants.every((item) => typeof item === 'string') ? constants.filter((item): item is string => typeof item === 'string') : undefined;
}

function kindOf(property: Record<string, unknown>): { kind: FieldKind; options: string[] } {
  const options = choices(property);
  if (options !== undefined) return { kind: 'choice', options };
  const type = own(property, 'type');
  if (type === 'string') return { kind: own(property, 'format') === 'password' ? 'password' : 'string', options: [] };
  if (type === 'number' || type === 'integer') return { kind: 'number', options: [] };
  if (type === 'boolean') return { kind: 'boolean', options: [] };
  const items = own(property, 'items');
  if (type === 'array' && isRecord(items) && own(items, 'type') === 'string' && choices(items) === undefined) return { kind: 'strings', options: [] };
  return { kind: 'json', options: [] };
}

/** The form's fields for `schema`. */
export function formFields(schema: unknown): FormField[] {
  if (!isRecord(schema)) return [];
  const properties = own(schema, 'properties');
  if (!isRecord(properties)) return [];
  const requiredList = own(schema, 'required');
  const required = new Set(Array.isArray(requiredList) ? requiredList.filter((key) => typeof key === 'string') : []);
  const order = (property: Record<string, unknown>): number => {
    const value = own(property, 'propertyOrder');
    return typeof value === 'number' ? value : Number.MAX_SAFE_INTEGER;
  };
  return Object.keys(properties)
    .flatMap((key) => {
      const property = properties[key];
      if (!isRecord(property)) return [];
      const title = own(property, 'title');
      const description = own(property, 'description');
      return [{ key, title: typeof title === 'string' && title !== '' ? title : key, description: typeof description === 'string' ? description : '', ...kindOf(property), required: required.has(key), order: order(property) }];
    })
    .sort((a, b) => a.order - b.order)
    .slice(0, MAX_FIELDS)
    .map(({ order: _order, ...field }) => field);
}

/** What a field's input shows for `value`. */
export function inputText(field: FormField, value: unknown): string {
  if (field.kind === 'strings') return Array.isArray(value) ? value.filter((item) => typeof item === 'string').join('\n') : '';
  if (field.kind === 'json') return value === undefined ? '' : JSON.stringify(value, null, 2);
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : String(value);
}

/** The value an input's `text` gives `field`: `{ok: false}` when it is not one (a number, JSON). */
export function fieldValue(field: FormField, text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (field.kind === 'number') {
    const value = Number(text);
    return text.trim() !== '' && Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: `${field.title} must be a number` };
  }
  if (field.kind === 'strings')
    return {
      ok: true,
      value: text
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== ''),
    };
  if (field.kind === 'json') {
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch {
      return { ok: false, reason: `${field.title} must be JSON` };
    }
  }
  return { ok: true, value: text };
}
