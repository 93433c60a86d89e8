/** Writing fields into managed object data: `/`-paths, schema defaults, server-owned names. */
import type { ManagedObjectSchema } from './managed-schema.ts';

// Names the server owns: never taken from callers' attributes.
const SERVER_FIELDS: readonly string[] = ['_id', '_rev', '_meta'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A field name from a key: `/mail` and `mail` are the same, `preferences/marketing` is nested. */
export function fieldPath(key: string): string[] {
  return key.replace(/^\//, '').split('/');
}

/**
 * A copy of `data` with `fields` written in order: a `/`-path sets a nested value (creating parent
 * objects), `undefined` removes the field. Server-owned names are ignored.
 */
export function withFields(data: Record<string, unknown>, fields: Record<string, unknown>): Record<string, unknown> {
  const result = structuredClone(data);
  for (const [key, value] of Object.entries(fields)) {
    const path = fieldPath(key);
    const last = path.pop();
    if (last === undefined || last === '' || SERVER_FIELDS.includes(path[0] ?? last)) continue;
    let parent = result;
    for (const segment of path) {
      const next = parent[segment];
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
    if (property.default !== undefined && result[name] === undefined && property.isVirtual !== true && !SERVER_FIELDS.includes(name)) {
      result[name] = structuredClone(property.default);
    }
  }
  return result;
}
