/** Turns a CLI `attr=value` into the type the managed schema declares (boolean, number, text). */
import type { ManagedObjectSchema, ManagedProperty } from '../identity/managed-schema.ts';

/** The converted value, or why it could not be converted. */
export type Coerced = { ok: true; path: string; value: unknown } | { ok: false; message: string };

/** Own properties only: `toString` or `__proto__` are in no schema. */
function ownProperty(properties: Record<string, ManagedProperty> | undefined, name: string): ManagedProperty | undefined {
  return properties !== undefined && Object.hasOwn(properties, name) ? properties[name] : undefined;
}

function propertyAt(schema: ManagedObjectSchema, path: string): ManagedProperty | undefined {
  const [head = '', ...rest] = path.split('/').filter((part) => part !== '');
  let property = ownProperty(schema.properties, head);
  for (const part of rest) property = ownProperty(property?.properties, part);
  return property;
}

/** Converts `raw` for the property at `path` (`/` separates nested properties). */
export function coerceAttribute(schema: ManagedObjectSchema, path: string, raw: string): Coerced {
  const property = propertyAt(schema, path);
  if (property === undefined) return { ok: false, message: `attribute ${path} is not in the schema` };
  const types = Array.isArray(property.type) ? property.type : [property.type ?? 'string'];
  if (types.includes('boolean')) {
    if (raw === 'true' || raw === 'false') return { ok: true, path, value: raw === 'true' };
    return { ok: false, message: `attribute ${path} is a boolean: use true or false, got "${raw}"` };
  }
  if (types.includes('number') || types.includes('integer')) {
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value)) return { ok: false, message: `attribute ${path} is a number, got "${raw}"` };
    return { ok: true, path, value };
  }
  if (types.includes('string')) return { ok: true, path, value: raw };
  try {
    return { ok: true, path, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false, message: `attribute ${path} holds ${types.join('/')}: give it as JSON` };
  }
}
