/** Encoding and parsing of JSON and BIGINT column values: the edge between rows and domain values. */

/** The JSON text stored for `value` (`undefined` is stored as `null`). */
export function encodeJson(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

/** The value stored as JSON text in a column. */
export function decodeJson(column: unknown): unknown {
  if (typeof column !== 'string') throw new Error(`expected JSON text in a JSON column, got ${typeof column}`);
  return JSON.parse(column) as unknown;
}

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON object stored in a column; throws on anything else (a corrupt row). */
export function decodeJsonObject(column: unknown): Record<string, unknown> {
  const value = decodeJson(column);
  if (!isJsonObject(value)) throw new Error('expected a JSON object in a JSON column');
  return value;
}

/** A BIGINT column value (number, or the exact string a driver may return) as a number. */
export function int64(column: unknown): number {
  const n = typeof column === 'number' ? column : typeof column === 'string' || typeof column === 'bigint' ? Number(column) : NaN;
  if (!Number.isFinite(n)) throw new Error(`expected an integer column value, got ${String(column)}`);
  return n;
}
