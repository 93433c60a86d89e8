/**
 * JSON text, the form every store keeps documents in (the SQL stores in JSON columns, the memory
 * store in its maps): a write stores `JSON.stringify` of what it was given, a read parses a fresh
 * copy. So nothing a caller gave or got is shared with the store, and values normalize the same
 * on every store (`undefined` properties dropped, `undefined` itself stored as `null`).
 */
import { isJsonObject } from '../../json/is-json-object.ts';

/** The JSON text stored for `value` (`undefined` is stored as `null`). */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

/** A fresh copy of the value stored as `text`. */
export function fromJsonText(text: string): unknown {
  return JSON.parse(text) as unknown;
}

/** A fresh copy of the JSON object stored as `text`; throws, naming `where` it was read from, on anything else (a corrupt document). */
export function jsonObjectFromText(text: string, where = 'a stored document'): Record<string, unknown> {
  const value = fromJsonText(text);
  if (!isJsonObject(value)) throw new Error(`expected a JSON object in ${where}`);
  return value;
}
