/**
 * Reading a property of a JSON object by a name that may come from outside: own properties
 * only, so that `toString`, `valueOf` or `constructor` read as missing instead of as the
 * functions every object inherits.
 */

/** `record[key]` when `record` has it as its own property, else undefined. */
export function ownValue(record: object, key: string): unknown {
  return Object.hasOwn(record, key) ? (record as Record<string, unknown>)[key] : undefined;
}
