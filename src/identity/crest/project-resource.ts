/**
 * A stored managed object as a CREST resource: `_id` and `_rev`, then the fields `_fields` selects.
 * Private properties (the password hash), security answers (`kbaInfo[].answer`) and the password
 * history (`_meta.passwordHistory`) never leave, whatever was asked; a caller's `readable` filter (an end user sees only viewable
 * properties) applies on top. Fields are read as own properties only (`_fields=toString` selects nothing).
 */
import { ownValue } from '../../json/own-value.ts';
import { DEFAULT_KBA_PROPERTY, withoutKbaAnswers } from '../kba-answers.ts';
import type { ManagedObjectSchema } from '../managed-schema.ts';
import { publicMeta } from '../password-history.ts';
import type { StoredManagedObject } from '../ports.ts';
import type { FieldSelection } from './field-selection.ts';
import type { Pointer } from './json-pointer.ts';
import { isJsonObject } from './json-pointer.ts';
import { isPrivate, isRelationship, isReturnedByDefault } from './schema-properties.ts';

/** Decides which top-level properties (and `_meta`) a caller may read; absent means all. */
export type ReadableProperty = (name: string) => boolean;

/** The part of `value` a pointer selects, shaped like `value`; lists are projected element by element. */
function pick(value: unknown, pointer: Pointer): unknown {
  if (pointer.length === 0) return structuredClone(value);
  if (Array.isArray(value)) return value.map((item) => pick(item, pointer)).filter((item) => item !== undefined);
  if (!isJsonObject(value)) return undefined;
  const [head = '', ...rest] = pointer;
  const inner = pick(ownValue(value, head), rest);
  return inner === undefined ? undefined : { [head]: inner };
}

function merge(target: Record<string, unknown>, addition: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(addition)) {
    const existing = ownValue(target, key);
    if (isJsonObject(existing) && isJsonObject(value)) merge(existing, value);
    else target[key] = value;
  }
}

function defaultFields(data: Record<string, unknown>, schema: ManagedObjectSchema, references: boolean): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(data)) {
    const property = schema.properties[name];
    if (isReturnedByDefault(property) || (references && isRelationship(property) && !isPrivate(property))) fields[name] = structuredClone(value);
  }
  // Virtual lists returned by default (effectiveRoles…) are computed by IDM; Arbor has none to compute yet.
  for (const [name, property] of Object.entries(schema.properties)) {
    if (property.isVirtual === true && property.returnByDefault === true && property.type === 'array' && !isPrivate(property) && !Object.hasOwn(fields, name)) fields[name] = [];
  }
  return fields;
}

/** The resource for `stored` as `selection` asks, minus what the caller may not read. */
export function projectResource(
  stored: StoredManagedObject,
  schema: ManagedObjectSchema,
  selection: FieldSelection,
  readable: ReadableProperty = () => true,
  kbaPropertyName: string = DEFAULT_KBA_PROPERTY,
): Record<string, unknown> {
  const data = withoutKbaAnswers(stored.data, kbaPropertyName);
  const fields: Record<string, unknown> = {};
  if (selection.defaults || selection.references) merge(fields, defaultFields(data, schema, selection.references));
  if (!selection.defaults) {
    for (const name of Object.keys(fields)) if (!isRelationship(schema.properties[name])) delete fields[name];
  }
  for (const pointer of selection.pointers) {
    const picked = pick(data, pointer);
    if (isJsonObject(picked)) merge(fields, picked);
  }
  const resource: Record<string, unknown> = { _id: stored.id, _rev: stored.rev };
  for (const [name, value] of Object.entries(fields)) {
    if (!isPrivate(schema.properties[name]) && readable(name)) resource[name] = value;
  }
  if (selection.meta !== undefined && readable('_meta')) {
    const meta: Record<string, unknown> = {};
    const readableMeta = publicMeta(stored.meta);
    if (selection.meta === 'all') merge(meta, structuredClone(readableMeta));
    else for (const pointer of selection.meta) {
      const picked = pick(readableMeta, pointer);
      if (isJsonObject(picked)) merge(meta, picked);
    }
    resource._meta = meta;
  }
  return resource;
}
