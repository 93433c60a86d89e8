/**
 * Compares a documented JSON value with an actual one, structurally: member order and layout do
 * not matter; every documented member must be there with a matching value, and no other member
 * unless the page wrote `…` among the members; array elements match in order, `…` standing for
 * any number of them; strings match as documented text does (`expectedTextPattern`: `…`, ids,
 * timestamps and tokens stand for any of their kind); numbers, booleans and null exactly.
 */
import { expectedTextPattern } from './expected-text-pattern.ts';
import type { LooseJson } from './parse-loose-json.ts';
import { ELIDED, LooseObject } from './parse-loose-json.ts';

/** Short JSON of `value`, for messages. */
export function shortJson(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

function show(expected: LooseJson): string {
  if (expected === ELIDED) return '…';
  if (expected instanceof LooseObject) {
    const members = [...expected.members].map(([key, value]) => `${JSON.stringify(key)}:${show(value)}`);
    return `{${[...members, ...(expected.open ? ['…'] : [])].join(',')}}`;
  }
  if (Array.isArray(expected)) return `[${expected.map(show).join(',')}]`;
  return JSON.stringify(expected);
}

/** `expected` for messages, shortened. */
export function showLooseJson(expected: LooseJson): string {
  const text = show(expected);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function matchArray(expected: LooseJson[], actual: unknown[], path: string): string | undefined {
  if (!expected.includes(ELIDED)) {
    for (let i = 0; i < expected.length; i++) {
      const element = expected[i];
      if (i >= actual.length) return `${path}: expected ${expected.length} elements, got ${actual.length} (${path}[${i}] ${showLooseJson(element ?? null)} is missing)`;
      const difference = matchJson(element ?? null, actual[i], `${path}[${i}]`);
      if (difference !== undefined) return difference;
    }
    return actual.length > expected.length ? `${path}: expected ${expected.length} elements, got ${actual.length} (extra: ${shortJson(actual[expected.length])})` : undefined;
  }
  const failed = new Set<string>();
  const match = (e: number, a: number): boolean => {
    if (e === expected.length) return a === actual.length;
    if (failed.has(`${e},${a}`)) return false;
    const element = expected[e];
    const ok = element === ELIDED ? match(e + 1, a) || (a < actual.length && match(e, a + 1)) : a < actual.length && matchJson(element ?? null, actual[a], path) === undefined && match(e + 1, a + 1);
    if (!ok) failed.add(`${e},${a}`);
    return ok;
  };
  return match(0, 0) ? undefined : `${path}: expected ${showLooseJson(expected)}, got ${shortJson(actual)}`;
}

/** The first difference between `expected` and `actual` (naming its path, `$.a[0].b`), or undefined when they match. */
export function matchJson(expected: LooseJson, actual: unknown, path = '$'): string | undefined {
  if (expected === ELIDED) return undefined;
  if (typeof expected === 'string') {
    if (typeof actual === 'string' && expectedTextPattern(expected).test(actual)) return undefined;
    return `${path}: expected ${JSON.stringify(expected)}, got ${shortJson(actual)}`;
  }
  if (expected instanceof LooseObject) {
    if (!isRecord(actual)) return `${path}: expected an object, got ${shortJson(actual)}`;
    for (const [key, value] of expected.members) {
      const member = /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
      if (!Object.hasOwn(actual, key)) return `${member}: missing (expected ${showLooseJson(value)})`;
      const difference = matchJson(value, actual[key], member);
      if (difference !== undefined) return difference;
    }
    const extra = Object.keys(actual).filter((key) => !expected.members.has(key));
    if (!expected.open && extra.length > 0) return `${path}: unexpected member${extra.length > 1 ? 's' : ''} ${extra.map((key) => `"${key}": ${shortJson(actual[key])}`).join(', ')}`;
    return undefined;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected an array, got ${shortJson(actual)}`;
    return matchArray(expected, actual, path);
  }
  return Object.is(expected, actual) || expected === actual ? undefined : `${path}: expected ${JSON.stringify(expected)}, got ${shortJson(actual)}`;
}
