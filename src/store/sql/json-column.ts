/** Encoding and parsing of JSON and BIGINT column values: the edge between rows and domain values. */
import { fromJsonText, jsonObjectFromText, toJsonText } from '../shared/json-text.ts';

export { isJsonObject } from '../../json/is-json-object.ts';

/** The JSON text stored for `value` (`undefined` is stored as `null`). */
export function encodeJson(value: unknown): string {
  return toJsonText(value);
}

/** The text of a JSON column; throws on anything else. */
function columnText(column: unknown): string {
  if (typeof column !== 'string') throw new Error(`expected JSON text in a JSON column, got ${typeof column}`);
  return column;
}

/** The value stored as JSON text in a column. */
export function decodeJson(column: unknown): unknown {
  return fromJsonText(columnText(column));
}

/** The JSON object stored in a column; throws on anything else (a corrupt row). */
export function decodeJsonObject(column: unknown): Record<string, unknown> {
  return jsonObjectFromText(columnText(column), 'a JSON column');
}

/** A BIGINT column value (number, or the exact string a driver may return) as a number. */
export function int64(column: unknown): number {
  const n = typeof column === 'number' ? column : typeof column === 'string' || typeof column === 'bigint' ? Number(column) : NaN;
  if (!Number.isFinite(n)) throw new Error(`expected an integer column value, got ${String(column)}`);
  return n;
}
