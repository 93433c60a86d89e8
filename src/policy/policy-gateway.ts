/** The policy service as journey nodes call it: by identity resource (`managed/alpha_user`). */
import { managedTypeOf } from '../identity/identity-resource.ts';
import type { PolicyGateway } from '../journeys/engine/node-context.ts';
import type { PolicyService } from './policy-service.ts';
import type { RequirementFailure } from './policy-types.ts';

/**
 * Builds the `PolicyGateway` over the policy service. Failures are grouped per property in the
 * order IDM reports them (one entry per property, all its failed requirements).
 */
export function createPolicyGateway(policy: PolicyService): PolicyGateway {
  return {
    async propertyPolicies(identityResource, property) {
      return policy.propertyPolicies(managedTypeOf(identityResource), property);
    },

    async validateProperties(identityResource, properties, context) {
      const options = context.objectId === undefined ? { fullObject: context.fullObject } : { fullObject: context.fullObject, objectId: context.objectId };
      const { failedPolicyRequirements } = await policy.validateProperties(managedTypeOf(identityResource), properties, options);
      const grouped: { property: string; failures: RequirementFailure[] }[] = [];
      for (const entry of failedPolicyRequirements) {
        const existing = grouped.find((group) => group.property === entry.property);
        if (existing === undefined) grouped.push({ property: entry.property, failures: [...entry.policyRequirements] });
        else existing.failures.push(...entry.policyRequirements);
      }
      return grouped;
    },
  };
}
