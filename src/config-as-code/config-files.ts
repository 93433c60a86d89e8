/**
 * The directory model of config as code: every file of an exported realm, by its path relative to
 * the directory (`journeys/Login.json`), as the exact text written. JSON files are stable: keys
 * sorted at every depth, two-space indent, a final newline; names in file names are URI-encoded,
 * so any tree, script or provider name makes one safe file name.
 */

/** Relative path (always `/`-separated) → file text. */
export type ConfigFiles = Map<string, string>;

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (typeof value !== 'object' || value === null) return value;
  // fromEntries defines each key as an own property: a `__proto__` key is kept, not made the prototype.
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sorted(Reflect.get(value, key))]));
}

/** `value` as a stable JSON file: sorted keys, two-space indent, a final newline. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(sorted(value), null, 2)}\n`;
}

/** A name as one path segment (`Reset Password` → `Reset%20Password`). */
export function fileSegment(name: string): string {
  return encodeURIComponent(name).replaceAll('*', '%2A');
}

/** The name a path segment stands for; undefined when it is not one `fileSegment` writes. */
export function segmentName(segment: string): string | undefined {
  try {
    const name = decodeURIComponent(segment);
    return fileSegment(name) === segment ? name : undefined;
  } catch {
    return undefined;
  }
}

/** The files of `files` sorted by path, as a new model (so that writes and listings are in one order). */
export function sortedFiles(files: ConfigFiles): ConfigFiles {
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
