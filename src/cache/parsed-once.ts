/**
 * Parsing a cached document once: a parser wrapped so that the same frozen document (the one a
 * configuration cache hands out until it is invalidated) is parsed once and its result shared,
 * frozen too. A document that is not frozen (read straight from a store) is parsed on every call,
 * as before: sharing is only safe for what nobody can change. No invalidation is needed: a changed
 * document is a new object, and the old one's result goes with it (a WeakMap).
 */
import { deepFreeze } from './deep-freeze.ts';

/** `parse`, remembered per frozen input object. */
export function parsedOnce<T>(parse: (value: unknown) => T): (value: unknown) => T {
  const results = new WeakMap<object, { result: T }>();
  return (value) => {
    if (typeof value !== 'object' || value === null || !Object.isFrozen(value)) return parse(value);
    const known = results.get(value);
    if (known !== undefined) return known.result;
    const result = deepFreeze(parse(value));
    results.set(value, { result });
    return result;
  };
}
