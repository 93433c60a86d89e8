/**
 * IDM's managed object configuration (`conf/managed.json`, config id `managed`) as types, and a
 * parser that checks an unknown value into them. Fields Arbor does not read yet (scripts,
 * `encryption`, `resourceCollection`, UI hints…) are kept as they are, so a round trip through
 * the config endpoint loses nothing.
 */
import { describeUnsafeKey, findUnsafeKey } from '../json/unsafe-keys.ts';
import { identityError } from './errors.ts';
import { parseArray, parseBoolean, parseNullableNumber, parseNullableString, parseObject, parseString, parseStringList } from './schema-parsing.ts';

/** A policy named by a property: `{policyId, params?}`. */
export interface PolicyReference {
  policyId: string;
  params?: Record<string, unknown>;
}

/** The JSON types a property may declare; `relationship` is IDM's reference to another object. */
export const PROPERTY_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null', 'relationship'] as const;

/** One of `PROPERTY_TYPES`. */
export type PropertyType = (typeof PROPERTY_TYPES)[number];

/** A schema property (top-level or nested), as managed.json declares it. */
export interface ManagedProperty {
  type?: PropertyType | PropertyType[];
  title?: string | null;
  description?: string | null;
  /** draft-03 style: a nested property marks itself required; nested objects may list names. */
  required?: boolean | string[];
  searchable?: boolean;
  viewable?: boolean;
  userEditable?: boolean;
  /** `private`: never returned to external callers (the password). */
  scope?: 'private' | 'public';
  /** Changing it needs re-authentication. */
  isProtected?: boolean;
  isVirtual?: boolean;
  returnByDefault?: boolean;
  policies?: PolicyReference[];
  /** Policies applied when a condition script holds; kept and reported, evaluated once scripts exist. */
  conditionalPolicies?: unknown;
  fallbackPolicies?: unknown;
  default?: unknown;
  pattern?: string;
  minLength?: number | null;
  items?: ManagedProperty;
  properties?: Record<string, ManagedProperty>;
  order?: string[];
  [extra: string]: unknown;
}

/** A managed object type's schema (`objects[].schema`). */
export interface ManagedObjectSchema {
  $schema?: string;
  type: 'object';
  title?: string;
  /** Names of required top-level properties (never absent after parsing). */
  required: string[];
  /** Display order of the properties (never absent after parsing). */
  order: string[];
  properties: Record<string, ManagedProperty>;
  [extra: string]: unknown;
}

/** Where IDM keeps an object's metadata (`_meta`). */
export interface ManagedObjectMeta {
  property: string;
  resourceCollection: string;
  trackedProperties: string[];
  [extra: string]: unknown;
}

/** One managed object type (`objects[]`). */
export interface ManagedObjectConfig {
  /** `user`, `alpha_user`, `role`… */
  name: string;
  schema: ManagedObjectSchema;
  meta?: ManagedObjectMeta;
  [extra: string]: unknown;
}

/** The whole `managed` config document. */
export interface ManagedConfig {
  objects: ManagedObjectConfig[];
  [extra: string]: unknown;
}

/**
 * Checks `value` into a `ManagedConfig`; INVALID_MANAGED_CONFIG names the first bad field, or a
 * `__proto__`, `constructor` or `prototype` key anywhere (no property may be named so).
 */
export function parseManagedConfig(value: unknown, path = 'managed'): ManagedConfig {
  const unsafe = findUnsafeKey(value);
  if (unsafe !== undefined) throw identityError('INVALID_MANAGED_CONFIG', `${path}: ${describeUnsafeKey(unsafe)}`);
  const root = parseObject(value, path);
  const objects = parseArray(root.objects, `${path}.objects`).map((entry, i) => parseManagedObjectConfig(entry, `${path}.objects[${i}]`));
  const seen = new Set<string>();
  for (const [i, object] of objects.entries()) {
    if (seen.has(object.name)) throw identityError('INVALID_MANAGED_CONFIG', `${path}.objects[${i}].name: "${object.name}" is declared twice`);
    seen.add(object.name);
  }
  return { ...root, objects };
}

/** Checks one `objects[]` entry. */
export function parseManagedObjectConfig(value: unknown, path: string): ManagedObjectConfig {
  const raw = parseObject(value, path);
  const name = parseString(raw.name, `${path}.name`);
  if (name === '' || name.includes('/')) throw identityError('INVALID_MANAGED_CONFIG', `${path}.name: expected a non-empty name without "/"`);
  // Names starting with "_" are Arbor's own (relationship records are kept as `_relationship`).
  if (name.startsWith('_')) throw identityError('INVALID_MANAGED_CONFIG', `${path}.name: names starting with "_" are reserved`);
  const schema = parseObjectSchema(raw.schema, `${path}.schema`);
  const result: ManagedObjectConfig = { ...raw, name, schema };
  if (raw.meta !== undefined) {
    const meta = parseObject(raw.meta, `${path}.meta`);
    result.meta = {
      ...meta,
      property: parseString(meta.property, `${path}.meta.property`),
      resourceCollection: parseString(meta.resourceCollection, `${path}.meta.resourceCollection`),
      trackedProperties: parseStringList(meta.trackedProperties ?? [], `${path}.meta.trackedProperties`),
    };
  }
  return result;
}

function parseObjectSchema(value: unknown, path: string): ManagedObjectSchema {
  const raw = parseObject(value, path);
  if (raw.type !== undefined && raw.type !== 'object') throw identityError('INVALID_MANAGED_CONFIG', `${path}.type: expected "object"`);
  const properties = parseProperties(raw.properties, `${path}.properties`);
  const required = parseStringList(raw.required ?? [], `${path}.required`);
  for (const name of required) {
    if (!Object.hasOwn(properties, name)) throw identityError('INVALID_MANAGED_CONFIG', `${path}.required: "${name}" is not a property of the schema`);
  }
  const order = parseStringList(raw.order ?? Object.keys(properties), `${path}.order`);
  const schema: ManagedObjectSchema = { ...raw, type: 'object', required, order, properties };
  if (raw.$schema !== undefined) schema.$schema = parseString(raw.$schema, `${path}.$schema`);
  if (raw.title !== undefined) schema.title = parseString(raw.title, `${path}.title`);
  return schema;
}

function parseProperties(value: unknown, path: string): Record<string, ManagedProperty> {
  const raw = parseObject(value, path);
  const properties: Record<string, ManagedProperty> = {};
  for (const [name, property] of Object.entries(raw)) {
    if (name === '') throw identityError('INVALID_MANAGED_CONFIG', `${path}: a property has an empty name`);
    properties[name] = parseProperty(property, `${path}.${name}`);
  }
  return properties;
}

/** Checks one property and, recursively, its `items` and nested `properties`. */
export function parseProperty(value: unknown, path: string): ManagedProperty {
  const raw = parseObject(value, path);
  const property: ManagedProperty = { ...raw };
  if (raw.type !== undefined) property.type = parseType(raw.type, `${path}.type`);
  if (raw.title !== undefined) property.title = parseNullableString(raw.title, `${path}.title`);
  if (raw.description !== undefined) property.description = parseNullableString(raw.description, `${path}.description`);
  if (raw.required !== undefined) {
    property.required = typeof raw.required === 'boolean' ? raw.required : parseStringList(raw.required, `${path}.required`);
  }
  for (const flag of ['searchable', 'viewable', 'userEditable', 'isProtected', 'isVirtual', 'returnByDefault'] as const) {
    if (raw[flag] !== undefined) property[flag] = parseBoolean(raw[flag], `${path}.${flag}`);
  }
  if (raw.scope !== undefined) {
    if (raw.scope !== 'private' && raw.scope !== 'public') throw identityError('INVALID_MANAGED_CONFIG', `${path}.scope: expected "private" or "public"`);
    property.scope = raw.scope;
  }
  if (raw.policies !== undefined) property.policies = parseArray(raw.policies, `${path}.policies`).map((p, i) => parsePolicyReference(p, `${path}.policies[${i}]`));
  if (raw.pattern !== undefined) property.pattern = parsePattern(raw.pattern, `${path}.pattern`);
  if (raw.minLength !== undefined) property.minLength = parseNullableNumber(raw.minLength, `${path}.minLength`);
  if (raw.items !== undefined) property.items = parseProperty(raw.items, `${path}.items`);
  if (raw.properties !== undefined) property.properties = parseProperties(raw.properties, `${path}.properties`);
  if (raw.order !== undefined) property.order = parseStringList(raw.order, `${path}.order`);
  return property;
}

function parseType(value: unknown, path: string): PropertyType | PropertyType[] {
  const one = (v: unknown, p: string): PropertyType => {
    const found = PROPERTY_TYPES.find((t) => t === v);
    if (found === undefined) throw identityError('INVALID_MANAGED_CONFIG', `${p}: expected one of ${PROPERTY_TYPES.join(', ')}`);
    return found;
  };
  return Array.isArray(value) ? value.map((v, i) => one(v, `${path}[${i}]`)) : one(value, path);
}

function parsePolicyReference(value: unknown, path: string): PolicyReference {
  const raw = parseObject(value, path);
  const policyId = parseString(raw.policyId, `${path}.policyId`);
  if (policyId === '') throw identityError('INVALID_MANAGED_CONFIG', `${path}.policyId: expected a policy id`);
  return raw.params === undefined ? { policyId } : { policyId, params: parseObject(raw.params, `${path}.params`) };
}

function parsePattern(value: unknown, path: string): string {
  const pattern = parseString(value, path);
  try {
    new RegExp(pattern);
  } catch {
    throw identityError('INVALID_MANAGED_CONFIG', `${path}: not a valid regular expression`);
  }
  return pattern;
}
