/**
 * JSON text, the form the memory store keeps documents in, as the SQL stores keep them in JSON
 * columns: a write stores `JSON.stringify` of what it was given, a read parses a fresh copy. So
 * nothing a caller gave or got is shared with the store, and values normalize exactly as on SQL
 * (`undefined` properties dropped, `undefined` itself stored as `null`).
 */

/** The JSON text stored for `value` (`undefined` is stored as `null`). */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

/** A fresh copy of the value stored as `text`. */
export function fromJsonText(text: string): unknown {
  return JSON.parse(text) as unknown;
}

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A fresh copy of the JSON object stored as `text`; throws on anything else (a corrupt document). */
export function jsonObjectFromText(text: string): Record<string, unknown> {
  const value = fromJsonText(text);
  if (!isJsonObject(value)) throw new Error('expected a JSON object in a stored document');
  return value;
}
