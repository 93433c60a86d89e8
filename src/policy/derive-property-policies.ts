/**
 * The policy list of each property of a managed object type, derived from its schema as IDM does
 * for `managed/<type>` resources: `required`, `not-empty`, `minimum-length` / `regexpMatches`
 * (strings), `valid-type`, then the property's own `policies`.
 */
import type { ManagedObjectSchema, ManagedProperty, PropertyType } from '../identity/managed-schema.ts';

/** A policy applied to a property; `derived` ones come from the schema, the others from `policies`. */
export interface ConfiguredPolicy {
  policyId: string;
  params?: Record<string, unknown>;
  derived: boolean;
}

/** A property's policies, as the policy service evaluates and reports them. */
export interface PropertyPolicyConfig {
  /** The property's name; may be a `/`-path when a policy source names a nested field. */
  name: string;
  policies: ConfiguredPolicy[];
  conditionalPolicies: unknown;
  fallbackPolicies: unknown;
}

function typesOf(property: ManagedProperty): PropertyType[] {
  if (property.type === undefined) return [];
  return Array.isArray(property.type) ? property.type : [property.type];
}

function schemaPolicies(name: string, property: ManagedProperty, required: readonly string[]): ConfiguredPolicy[] {
  const policies: ConfiguredPolicy[] = [];
  const types = typesOf(property);
  const minLength = typeof property.minLength === 'number' ? Math.trunc(property.minLength) : undefined;
  if (required.includes(name)) policies.push({ policyId: 'required', derived: true });
  if ((Array.isArray(property.type) && !types.includes('null')) || (minLength !== undefined && minLength > 0)) {
    policies.push({ policyId: 'not-empty', derived: true });
  }
  if (types.includes('string')) {
    if (minLength !== undefined) policies.push({ policyId: 'minimum-length', params: { minLength }, derived: true });
    if (property.pattern !== undefined) policies.push({ policyId: 'regexpMatches', params: { regexp: property.pattern }, derived: true });
  }
  if (types.length > 0) {
    const validTypes = types.map((type) => (type === 'relationship' ? 'object' : type));
    policies.push({ policyId: 'valid-type', params: { types: validTypes }, derived: true });
  }
  return policies;
}

/** Appends `explicit` to `policies`; an explicit policy whose id is already listed replaces it in place. */
function mergeExplicit(policies: ConfiguredPolicy[], explicit: ManagedProperty['policies']): ConfiguredPolicy[] {
  const merged = [...policies];
  for (const reference of explicit ?? []) {
    const policy: ConfiguredPolicy = reference.params === undefined ? { policyId: reference.policyId, derived: false } : { ...reference, derived: false };
    const at = merged.findIndex((existing) => existing.policyId === policy.policyId);
    if (at === -1) merged.push(policy);
    else merged[at] = policy;
  }
  return merged;
}

/** The policies of one top-level property (possibly none). */
export function propertyPolicyConfig(schema: ManagedObjectSchema, name: string, property: ManagedProperty): PropertyPolicyConfig {
  return {
    name,
    policies: mergeExplicit(schemaPolicies(name, property, schema.required), property.policies),
    conditionalPolicies: property.conditionalPolicies ?? null,
    fallbackPolicies: property.fallbackPolicies ?? null,
  };
}

/** Every top-level property that has at least one policy, in the schema's property order. */
export function derivePropertyPolicies(schema: ManagedObjectSchema): PropertyPolicyConfig[] {
  return Object.entries(schema.properties)
    .map(([name, property]) => propertyPolicyConfig(schema, name, property))
    .filter((config) => config.policies.length > 0);
}
