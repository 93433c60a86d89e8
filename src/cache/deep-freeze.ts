/**
 * Freezing a JSON-like value all the way down: what a cache hands to every caller must not be
 * changed by any of them. A write into a frozen value throws (ES modules are strict), so a caller
 * that would have corrupted the shared copy fails loudly instead.
 */

/** Freezes `value` and everything it holds (objects and arrays); returns it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Reflect.ownKeys(value)) deepFreeze(Reflect.get(value, key));
  return value;
}
