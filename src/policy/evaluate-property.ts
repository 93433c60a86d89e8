/** Runs a property's policies over one value, as IDM's policy processor does. */
import { ownValue } from '../json/own-value.ts';
import type { PolicyLookup } from './built-in-policies.ts';
import type { PropertyPolicyConfig } from './derive-property-policies.ts';
import type { FailedPolicyRequirement, PolicyContext, RequirementFailure } from './policy-types.ts';

/**
 * The failures of `value` against the property's policies, one entry per failing policy, in
 * policy order. Policies marked validateOnlyIfPresent are skipped for an absent value; each policy
 * sees the failures before it, so a missing required value also fails the string policies.
 * Conditional policies are reported by the policy object but not evaluated (their conditions are
 * scripts).
 */
export async function evaluateProperty(
  config: PropertyPolicyConfig,
  value: unknown,
  lookup: PolicyLookup,
  context: PolicyContext,
): Promise<FailedPolicyRequirement[]> {
  const entries: FailedPolicyRequirement[] = [];
  const earlierFailures: RequirementFailure[] = [];
  for (const policy of config.policies) {
    const definition = lookup(policy.policyId);
    if (definition.validateOnlyIfPresent && value === undefined) continue;
    const failures = await definition.validate({ value, params: policy.params ?? {}, property: config.name, earlierFailures, context });
    if (failures.length > 0) {
      entries.push({ property: config.name, policyRequirements: failures });
      earlierFailures.push(...failures);
    }
  }
  return entries;
}

/**
 * The value at a `/`-path of an object (`preferences/marketing`), own properties only (`toString`
 * reads as missing); stops at the first null or undefined.
 */
export function valueAtPath(object: Record<string, unknown>, path: string): unknown {
  let current: unknown = object;
  for (const segment of path.replace(/^\//, '').split('/')) {
    if (current === null || current === undefined) return current;
    if (typeof current !== 'object') return undefined;
    current = ownValue(current, segment);
  }
  return current;
}
