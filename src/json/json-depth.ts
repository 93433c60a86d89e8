/**
 * How deep a JSON value nests. Bodies from outside are limited (`MAX_JSON_DEPTH`): SQLite's JSON
 * functions refuse documents nested past 1000 levels (a stored one would make the writes and
 * queries that read it fail), and recursive code over JSON (patches, projections, rendering)
 * must never meet a depth that overflows the call stack. No document Arbor takes (a step, a
 * managed object, a schema, a configuration) comes near it.
 */

/** The deepest nesting of arrays and objects a JSON body may have (the value itself is level 0). */
export const MAX_JSON_DEPTH = 100;

/**
 * The JSON pointer of the first array or object nested deeper than `limit`, or undefined.
 * Iterative: a value nested far past the stack's depth is measured without overflowing it.
 */
export function findTooDeep(value: unknown, limit: number = MAX_JSON_DEPTH): string | undefined {
  const pending: { value: unknown; depth: number; at: string }[] = [{ value, depth: 0, at: '' }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value: current, depth, at } = next;
    if (typeof current !== 'object' || current === null) continue;
    if (depth > limit) return at;
    const entries: [string, unknown][] = Array.isArray(current) ? current.map((item, index) => [String(index), item]) : Object.entries(current);
    for (const [key, item] of entries) {
      if (typeof item === 'object' && item !== null) pending.push({ value: item, depth: depth + 1, at: `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}` });
    }
  }
  return undefined;
}
