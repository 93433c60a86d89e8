/**
 * Which top-level properties an operation may not read, whatever it is: private ones (the password
 * hash), the security answers property (its entries carry answer hashes), and, for a caller with
 * restricted access, those it may not see. Reads are not only `_fields`: a PATCH `copy`/`move`
 * source, a `remove` by value or an `increment` compares or copies a value, and a sort key or a
 * filter orders or selects by it. Names are looked up as own properties of the schema only.
 */
import type { ManagedObjectSchema, ManagedProperty } from '../managed-schema.ts';
import type { ReadableProperty } from './project-resource.ts';
import { isPrivate } from './schema-properties.ts';

/** True for a top-level property name that must not be read. */
export type UnreadableProperty = (name: string) => boolean;

/** The schema's own property `name` (never an inherited `toString`). */
export function ownProperty(schema: ManagedObjectSchema, name: string): ManagedProperty | undefined {
  return Object.hasOwn(schema.properties, name) ? schema.properties[name] : undefined;
}

/** Private properties and the KBA property, for everyone; plus what `readable` refuses. */
export function unreadableProperties(schema: ManagedObjectSchema, kbaPropertyName: string, readable?: ReadableProperty): UnreadableProperty {
  return (name) => isPrivate(ownProperty(schema, name)) || name === kbaPropertyName || (readable !== undefined && !readable(name));
}
