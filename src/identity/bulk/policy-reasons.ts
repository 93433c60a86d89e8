/** Reject reasons as one line each: `userName: UNIQUE`, `password: MIN_LENGTH {"minLength":8}`. */
import type { PolicyValidationResult } from '../../policy/policy-types.ts';

/** The failed requirements of a validation, one reason per requirement. */
export function policyReasons(result: PolicyValidationResult): string[] {
  return result.failedPolicyRequirements.flatMap(({ property, policyRequirements }) =>
    policyRequirements.map(({ policyRequirement, params }) =>
      params === undefined || Object.keys(params).length === 0 ? `${property}: ${policyRequirement}` : `${property}: ${policyRequirement} ${JSON.stringify(params)}`,
    ),
  );
}

/** The reason a store write was refused for this record (a duplicate id or unique value); undefined for any other failure. */
export function storeReason(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  if (error.code === 'DUPLICATE_ID') return '_id: UNIQUE (an object with this id exists)';
  if (error.code !== 'UNIQUE_VIOLATION') return undefined;
  const attribute = 'attribute' in error && typeof error.attribute === 'string' ? error.attribute : undefined;
  return `${attribute ?? 'a unique attribute'}: UNIQUE${error instanceof Error ? ` (${error.message})` : ''}`;
}
