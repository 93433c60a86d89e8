/**
 * How many changes turn one JSON value into another, counted as AM's Device Match node counts
 * them (the operations of the JSON patch between the saved and the collected metadata): a member
 * added, removed or whose value changed counts one, objects are compared member by member, and
 * arrays and other values are compared whole.
 */
import { isJsonObject } from '../../../../json/is-json-object.ts';

function sameJson(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => sameJson(item, b[index]));
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && sameJson(a[key], b[key]));
  }
  return Object.is(a, b) || a === b;
}

/** The number of changes from `saved` to `collected`. */
export function jsonDifferenceCount(saved: unknown, collected: unknown): number {
  if (isJsonObject(saved) && isJsonObject(collected)) {
    let count = 0;
    for (const key of Object.keys(saved)) count += Object.hasOwn(collected, key) ? jsonDifferenceCount(saved[key], collected[key]) : 1;
    for (const key of Object.keys(collected)) if (!Object.hasOwn(saved, key)) count += 1;
    return count;
  }
  return sameJson(saved, collected) ? 0 : 1;
}
