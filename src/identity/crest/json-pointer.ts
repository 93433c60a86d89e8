/**
 * JSON pointers as CREST PATCH uses them on managed objects: a leading `/` is optional, `~1` and
 * `~0` escape `/` and `~`, `-` names the end of a list, and (an IDM restriction) lists are never
 * indexed: a pointer through an array is refused with a 400 naming it. A segment may not be
 * `__proto__`, `constructor` or `prototype` (400), and pointers read and write own properties
 * only, so no pointer reaches an object's prototype.
 */
import { hasNul } from '../../json/nul-characters.ts';
import { ownValue } from '../../json/own-value.ts';
import { isUnsafeKey } from '../../json/unsafe-keys.ts';
import { crestError } from './errors.ts';

/** A parsed pointer: its unescaped segments (`/preferences/marketing` → `['preferences', 'marketing']`). */
export type Pointer = readonly string[];

/** Plain JSON objects (not arrays, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses `field` or `from` of a patch operation (or one `_fields` entry); `what` names it in errors. */
export function parsePointer(text: string, what: string): Pointer {
  const body = text.startsWith('/') ? text.slice(1) : text;
  if (body === '') throw crestError('BAD_REQUEST', `The ${what} "${text}" does not name a field`);
  const segments = body.split('/').map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (segments.some((segment) => segment === '')) throw crestError('BAD_REQUEST', `The ${what} "${text}" has an empty segment`);
  if (hasNul(text)) throw crestError('BAD_REQUEST', `The ${what} holds U+0000 (NUL), which names no field`);
  assertSafePointer(segments, `The ${what} "${text}"`);
  return segments;
}

/** BAD_REQUEST when a segment is `__proto__`, `constructor` or `prototype`; `subject` starts the message. */
export function assertSafePointer(pointer: Pointer, subject = `The field ${formatPointer(pointer)}`): void {
  const unsafe = pointer.find(isUnsafeKey);
  if (unsafe !== undefined) throw crestError('BAD_REQUEST', `${subject} has the segment "${unsafe}", which names no field (__proto__, constructor and prototype are not allowed)`);
}

/** The pointer as text, with its leading `/`. */
export function formatPointer(pointer: Pointer): string {
  return `/${pointer.map((segment) => segment.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}

function noListIndex(pointer: Pointer, depth: number): never {
  const at = formatPointer(pointer.slice(0, depth + 1));
  throw crestError('BAD_REQUEST', `The field ${formatPointer(pointer)} indexes the list at ${formatPointer(pointer.slice(0, depth))} with "${pointer[depth] ?? ''}" (${at}); managed objects support only "-" to append and value-based remove`);
}

/** The value at `pointer`, or undefined when a segment is missing. Lists are never indexed. */
export function readPointer(root: Record<string, unknown>, pointer: Pointer): unknown {
  let current: unknown = root;
  for (const [depth, segment] of pointer.entries()) {
    if (Array.isArray(current)) noListIndex(pointer, depth);
    if (!isJsonObject(current)) return undefined;
    current = ownValue(current, segment);
  }
  return current;
}

/**
 * The object that holds the last segment of `pointer`, creating missing parents as empty objects
 * (CREST's "missing parent fields are created"). A parent that is a list or a scalar is refused.
 */
export function parentOf(root: Record<string, unknown>, pointer: Pointer, create: boolean): Record<string, unknown> | undefined {
  assertSafePointer(pointer);
  let current = root;
  for (const [depth, segment] of pointer.slice(0, -1).entries()) {
    const next = ownValue(current, segment);
    if (Array.isArray(next)) noListIndex(pointer, depth + 1);
    if (isJsonObject(next)) {
      current = next;
    } else if (next === undefined || next === null) {
      if (!create) return undefined;
      const created: Record<string, unknown> = {};
      current[segment] = created;
      current = created;
    } else {
      throw crestError('BAD_REQUEST', `The field ${formatPointer(pointer)} goes through ${formatPointer(pointer.slice(0, depth + 1))}, which is not an object`);
    }
  }
  return current;
}

/** The last segment of a pointer. */
export function leafOf(pointer: Pointer): string {
  const leaf = pointer[pointer.length - 1];
  if (leaf === undefined) throw crestError('BAD_REQUEST', 'An empty field pointer');
  return leaf;
}

/** Deep equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]));
  }
  return false;
}
