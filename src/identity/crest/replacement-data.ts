/**
 * The data a PUT stores: the body, server fields removed, plus what the caller could not have sent
 * back: private properties (the password hash), relationships and virtual properties not returned
 * by default, and properties the caller may not read, each kept when the body leaves it out.
 */
import { describeUnsafeKey, findUnsafeKey } from '../../json/unsafe-keys.ts';
import type { ManagedObjectSchema } from '../managed-schema.ts';
import { crestError } from './errors.ts';
import { isJsonObject } from './json-pointer.ts';
import type { ReadableProperty } from './project-resource.ts';
import { isReturnedByDefault } from './schema-properties.ts';

// Names the server owns: never taken from request bodies.
const SERVER_FIELDS = new Set(['_id', '_rev', '_meta']);

/** A request body as object data: must be a JSON object without `__proto__`/`constructor`/`prototype` keys; `_id`, `_rev` and `_meta` are dropped. */
export function bodyData(body: unknown): Record<string, unknown> {
  if (!isJsonObject(body)) throw crestError('BAD_REQUEST', 'The request body must be a JSON object');
  const unsafe = findUnsafeKey(body);
  if (unsafe !== undefined) throw crestError('BAD_REQUEST', `The request body is not valid: ${describeUnsafeKey(unsafe)}`);
  const data: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) if (!SERVER_FIELDS.has(name) && value !== undefined) data[name] = structuredClone(value);
  return data;
}

/** The data replacing `stored` after a PUT of `body`. */
export function replacementData(
  stored: Record<string, unknown>,
  body: unknown,
  schema: ManagedObjectSchema,
  readable: ReadableProperty = () => true,
): Record<string, unknown> {
  const data = bodyData(body);
  for (const [name, value] of Object.entries(stored)) {
    if (Object.hasOwn(data, name)) continue;
    if (!isReturnedByDefault(schema.properties[name]) || !readable(name)) data[name] = structuredClone(value);
  }
  return data;
}
