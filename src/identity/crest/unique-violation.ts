/**
 * A store UNIQUE_VIOLATION (two writes raced past the `unique` policy and the database kept one)
 * reported exactly as the policy would have: 403 "Policy validation failed" with UNIQUE on the property.
 */
import { hasErrorCode } from '../errors.ts';
import type { ManagedObjectSchema } from '../managed-schema.ts';
import type { PolicyValidationResult } from '../../policy/policy-types.ts';
import type { CrestError } from './errors.ts';
import { crestError } from './errors.ts';
import { uniqueProperties } from './schema-properties.ts';

/** IDM's validation result for a value another object already holds. */
export function uniqueFailureResult(property: string): PolicyValidationResult {
  return { result: false, failedPolicyRequirements: [{ property, policyRequirements: [{ policyRequirement: 'UNIQUE' }] }] };
}

/** The property a UNIQUE_VIOLATION names: its `attribute`, else the unique property its message mentions. */
function violatedProperty(error: Error, schema: ManagedObjectSchema): string {
  const attribute = (error as { attribute?: unknown }).attribute;
  if (typeof attribute === 'string' && attribute !== '') return attribute;
  const candidates = uniqueProperties(schema);
  return candidates.find((name) => new RegExp(`\\b${name}\\b`).test(error.message)) ?? candidates[0] ?? 'unknown';
}

/** The 403 policy failure for a store UNIQUE_VIOLATION, or undefined for any other error. */
export function uniqueViolationFailure(error: unknown, schema: ManagedObjectSchema): CrestError | undefined {
  if (!(error instanceof Error) || !hasErrorCode(error, 'UNIQUE_VIOLATION')) return undefined;
  return crestError('POLICY_VALIDATION_FAILED', 'Policy validation failed', uniqueFailureResult(violatedProperty(error, schema)));
}
