/**
 * The test for a plain JSON object, as `JSON.parse` gives one for `{…}`: an object that is neither
 * an array nor null. Used wherever a stored or received document must be an object.
 */

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
