/**
 * Property names that reach JavaScript's prototype machinery instead of naming data: written
 * through, `__proto__` replaces an object's prototype, and `constructor`/`prototype` lead from
 * any object to `Object.prototype`, so that a client's name or path could change every object
 * of the server. No JSON key, JSON pointer segment, field list or sort key from outside may be
 * one of them; `findUnsafeKey` finds one anywhere in a parsed JSON value.
 */

/** The names refused wherever a name comes from outside. */
export const UNSAFE_KEYS: readonly string[] = Object.freeze(['__proto__', 'constructor', 'prototype']);

/** True for `__proto__`, `constructor` and `prototype`. */
export function isUnsafeKey(key: string): boolean {
  return UNSAFE_KEYS.includes(key);
}

/** Where `findUnsafeKey` found a name: the name and the JSON pointer of the object holding it. */
export interface UnsafeKeyLocation {
  key: string;
  /** The pointer of the object holding the key (`/preferences/0`; `` for the root). */
  at: string;
}

function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** One value still to look at, and how it was reached (the path is built only for a finding). */
interface Visit {
  value: unknown;
  parent: Visit | undefined;
  segment: string;
}

function pointerOf(visit: Visit): string {
  const segments: string[] = [];
  for (let current: Visit | undefined = visit; current?.parent !== undefined; current = current.parent) segments.push(escapeSegment(current.segment));
  return segments.reverse().map((segment) => `/${segment}`).join('');
}

/**
 * The first unsafe own key of `value` or of any object nested in it (depth first, arrays
 * included), or undefined. Iterative: a deeply nested body cannot overflow the stack.
 */
export function findUnsafeKey(value: unknown): UnsafeKeyLocation | undefined {
  const pending: Visit[] = [{ value, parent: undefined, segment: '' }];
  for (let visit = pending.pop(); visit !== undefined; visit = pending.pop()) {
    const current = visit.value;
    if (typeof current !== 'object' || current === null) continue;
    if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index--) pending.push({ value: current[index], parent: visit, segment: String(index) });
      continue;
    }
    const keys = Object.keys(current);
    const unsafe = keys.find(isUnsafeKey);
    if (unsafe !== undefined) return { key: unsafe, at: pointerOf(visit) };
    for (let index = keys.length - 1; index >= 0; index--) {
      const key = keys[index] ?? '';
      pending.push({ value: (current as Record<string, unknown>)[key], parent: visit, segment: key });
    }
  }
  return undefined;
}

/** A message naming the unsafe key and where it is (`the key "__proto__" at /preferences`). */
export function describeUnsafeKey(location: UnsafeKeyLocation): string {
  return `the key "${location.key}"${location.at === '' ? '' : ` at ${location.at}`} is not allowed (__proto__, constructor and prototype never name data)`;
}
