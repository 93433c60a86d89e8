/** Runs one policy definition on one value, with a fake context, for unit tests. */
import type { PolicyContext, PolicyDefinition, RequirementFailure } from '../policy-types.ts';

/** A context that finds nothing, unless overridden. */
export function fakePolicyContext(overrides: Partial<PolicyContext> = {}): PolicyContext {
  return {
    type: 'alpha_user',
    objectId: undefined,
    idsHolding: async () => [],
    internalUserExists: async () => false,
    field: async () => undefined,
    storedHashes: async () => [],
    verifyPassword: async () => false,
    ...overrides,
  };
}

/** The failures `definition` reports for `value`. */
export async function runPolicy(
  definition: PolicyDefinition,
  value: unknown,
  params: Record<string, unknown> = {},
  options: { property?: string; earlierFailures?: RequirementFailure[]; context?: Partial<PolicyContext> } = {},
): Promise<RequirementFailure[]> {
  return definition.validate({
    value,
    params,
    property: options.property ?? 'field',
    earlierFailures: options.earlierFailures ?? [],
    context: fakePolicyContext(options.context),
  });
}

/** IDM's failure of `required` / `not-empty`, as earlier failures. */
export const REQUIRED_FAILED: RequirementFailure[] = [{ policyRequirement: 'REQUIRED' }];
