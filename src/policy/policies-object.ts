/**
 * IDM's property policy object, as `GET /openidm/policy/managed/<type>` lists it and AM copies it
 * into validated callbacks (`policies` output): key order as AM sends it, byte for byte.
 */
import type { PolicyLookup } from './built-in-policies.ts';
import type { ConfiguredPolicy, PropertyPolicyConfig } from './derive-property-policies.ts';

/** One entry of `policies`. */
export type PolicyEntry = {
  policyId: string;
  params?: Record<string, unknown>;
  policyRequirements: string[];
};

/** `{policyRequirements, fallbackPolicies, name, policies, conditionalPolicies}` of one property. */
export type PropertyPoliciesObject = {
  policyRequirements: string[];
  fallbackPolicies: unknown;
  name: string;
  policies: PolicyEntry[];
  conditionalPolicies: unknown;
};

/**
 * One policy entry. AM writes schema-derived entries requirements first and the property's own
 * policies as configured (`policyId`, `params`) with the requirements appended; callers that show
 * the step compare bytes, so both orders are kept.
 */
function entryOf(policy: ConfiguredPolicy, policyRequirements: string[]): PolicyEntry {
  const params = policy.params === undefined ? {} : { params: policy.params };
  return policy.derived ? { policyRequirements, policyId: policy.policyId, ...params } : { policyId: policy.policyId, ...params, policyRequirements };
}

/** The policy object of a property; `policyRequirements` is the de-duplicated union of its policies'. */
export function policiesObjectOf(config: PropertyPolicyConfig, lookup: PolicyLookup): PropertyPoliciesObject {
  const union: string[] = [];
  const policies = config.policies.map((policy) => {
    const requirements = [...lookup(policy.policyId).policyRequirements];
    for (const requirement of requirements) if (!union.includes(requirement)) union.push(requirement);
    return entryOf(policy, requirements);
  });
  return {
    policyRequirements: union,
    fallbackPolicies: config.fallbackPolicies,
    name: config.name,
    policies,
    conditionalPolicies: config.conditionalPolicies,
  };
}
