/**
 * What a managed object schema says about its top-level properties, as CREST reads it: which are
 * private, returned by default, searchable, unique, protected, viewable or user-editable.
 */
import type { ManagedObjectSchema, ManagedProperty } from '../managed-schema.ts';

/** Policies whose presence makes the database keep a property unique. */
export const UNIQUE_POLICY_IDS: readonly string[] = ['unique', 'valid-username'];

/** `scope: private`: never returned to external callers (the password hash). */
export function isPrivate(property: ManagedProperty | undefined): boolean {
  return property?.scope === 'private';
}

function hasType(property: ManagedProperty | undefined, type: string): boolean {
  const declared = property?.type;
  return declared === type || (Array.isArray(declared) && declared.some((candidate) => candidate === type));
}

/** A relationship, or a list of relationships. */
export function isRelationship(property: ManagedProperty | undefined): boolean {
  return hasType(property, 'relationship') || hasType(property?.items, 'relationship');
}

/**
 * True when a read without `_fields` returns the property: not private, and relationships and
 * virtual properties only with `returnByDefault: true`. Properties the schema does not declare are
 * returned (IDM's schemas are open).
 */
export function isReturnedByDefault(property: ManagedProperty | undefined): boolean {
  if (property === undefined) return true;
  if (isPrivate(property)) return false;
  if (isRelationship(property) || property.isVirtual === true) return property.returnByDefault === true;
  return true;
}

/** Names of the top-level properties marked `searchable`. */
export function searchableProperties(schema: ManagedObjectSchema): string[] {
  return Object.entries(schema.properties)
    .filter(([, property]) => property.searchable === true)
    .map(([name]) => name);
}

/** Names of the top-level properties whose policies include `unique` or `valid-username`. */
export function uniqueProperties(schema: ManagedObjectSchema): string[] {
  return Object.entries(schema.properties)
    .filter(([, property]) => (property.policies ?? []).some((policy) => UNIQUE_POLICY_IDS.includes(policy.policyId)))
    .map(([name]) => name);
}

/** The schema's `password` property when it is private: validated in clear, stored hashed. */
export function hashedPasswordProperty(schema: ManagedObjectSchema): string | undefined {
  return isPrivate(schema.properties.password) ? 'password' : undefined;
}

/** True for properties that need re-authentication to change (`isProtected`). */
export function isProtected(property: ManagedProperty | undefined): boolean {
  return property?.isProtected === true;
}
