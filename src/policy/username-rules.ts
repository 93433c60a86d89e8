/**
 * The policy configs the policy service evaluates for a type: the schema-derived ones, with the
 * username rule (`valid-username-format`) appended to every username property, and the values to
 * check: username properties normalized first, so that `unique` and every other policy judge the
 * name as it will be stored.
 */
import type { ManagedObjectSchema } from '../identity/managed-schema.ts';
import type { PropertyPolicyConfig } from './derive-property-policies.ts';
import { USERNAME_FORMAT_POLICY_ID } from './username-format-policy.ts';
import { usernameProperties } from './usernames.ts';

/** `configs` plus the username rule on each username property (a new config for one without policies). */
export function withUsernameRules(schema: ManagedObjectSchema, configs: readonly PropertyPolicyConfig[]): PropertyPolicyConfig[] {
  const rule = { policyId: USERNAME_FORMAT_POLICY_ID, derived: true };
  const result = configs.map((config) => config);
  for (const name of usernameProperties(schema)) {
    const at = result.findIndex((config) => config.name === name);
    const existing = result[at];
    if (existing === undefined) result.push({ name, policies: [rule], conditionalPolicies: null, fallbackPolicies: null });
    else if (!existing.policies.some((policy) => policy.policyId === USERNAME_FORMAT_POLICY_ID)) result[at] = { ...existing, policies: [...existing.policies, rule] };
  }
  return result;
}
