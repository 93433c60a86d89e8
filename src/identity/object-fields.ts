/**
 * Writing fields into managed object data: `/`-paths, schema defaults, server-owned names. Paths
 * are read and written through own properties only, and a segment that is `__proto__`,
 * `constructor` or `prototype` is refused (INVALID_ATTRIBUTE_NAME), so no attribute name reaches
 * an object's prototype.
 */
import { ownValue } from '../json/own-value.ts';
import { describeUnsafeKey, findUnsafeKey, isUnsafeKey } from '../json/unsafe-keys.ts';
import { identityError } from './errors.ts';
import type { ManagedObjectSchema } from './managed-schema.ts';

// Names the server owns: never taken from callers' attributes.
const SERVER_FIELDS: readonly string[] = ['_id', '_rev', '_meta'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A field name from a key: `/mail` and `mail` are the same, `preferences/marketing` is nested.
 * INVALID_ATTRIBUTE_NAME when a segment is `__proto__`, `constructor` or `prototype`.
 */
export function fieldPath(key: string): string[] {
  const path = key.replace(/^\//, '').split('/');
  const unsafe = path.find(isUnsafeKey);
  if (unsafe !== undefined) throw identityError('INVALID_ATTRIBUTE_NAME', `The attribute "${key}" has the segment "${unsafe}", which names no property (__proto__, constructor and prototype are not allowed)`);
  return path;
}

/**
 * A copy of `data` with `fields` written in order: a `/`-path sets a nested value (creating parent
 * objects), `undefined` removes the field. Server-owned names are ignored. INVALID_ATTRIBUTE_NAME
 * for an unsafe name in a path or anywhere in a value.
 */
export function withFields(data: Record<string, unknown>, fields: Record<string, unknown>): Record<string, unknown> {
  const result = structuredClone(data);
  for (const [key, value] of Object.entries(fields)) {
    const path = fieldPath(key);
    const unsafe = findUnsafeKey(value);
    if (unsafe !== undefined) throw identityError('INVALID_ATTRIBUTE_NAME', `The value of "${key}" is not valid: ${describeUnsafeKey(unsafe)}`);
    const last = path.pop();
    if (last === undefined || last === '' || SERVER_FIELDS.includes(path[0] ?? last)) continue;
    let parent = result;
    for (const segment of path) {
      const next = ownValue(parent, segment);
      const child: Record<string, unknown> = isRecord(next) ? next : {};
      parent[segment] = child;
      parent = child;
    }
    if (value === undefined) delete parent[last];
    else parent[last] = structuredClone(value);
  }
  return result;
}

/** A copy of `data` with the schema's `default` values for absent (non-virtual) top-level properties. */
export function withDefaults(schema: ManagedObjectSchema, data: Record<string, unknown>): Record<string, unknown> {
  const result = { ...data };
  for (const [name, property] of Object.entries(schema.properties)) {
    if (property.default !== undefined && ownValue(result, name) === undefined && property.isVirtual !== true && !SERVER_FIELDS.includes(name)) {
      result[name] = structuredClone(property.default);
    }
  }
  return result;
}
