/** IDM's presence and type policies: required, not-empty, not-null, valid-type. */
import type { PolicyDefinition } from './policy-types.ts';
import { stringListParam } from './policy-params.ts';

/** `required`: fails only when the property is absent; null is a value (IDM's rule). */
export const requiredPolicy: PolicyDefinition = {
  policyId: 'required',
  policyRequirements: ['REQUIRED'],
  validateOnlyIfPresent: false,
  clientValidation: true,
  validate: ({ value }) => (value === undefined ? [{ policyRequirement: 'REQUIRED' }] : []),
};

/** `not-empty`: a present value must be a non-empty string or array (null, '', [] and scalars fail). */
export const notEmptyPolicy: PolicyDefinition = {
  policyId: 'not-empty',
  policyRequirements: ['REQUIRED'],
  validateOnlyIfPresent: true,
  clientValidation: true,
  validate: ({ value }) => {
    const length = typeof value === 'string' || Array.isArray(value) ? value.length : 0;
    return length === 0 ? [{ policyRequirement: 'REQUIRED' }] : [];
  },
};

/** `not-null`: a present value must not be null. */
export const notNullPolicy: PolicyDefinition = {
  policyId: 'not-null',
  policyRequirements: ['REQUIRED'],
  validateOnlyIfPresent: true,
  clientValidation: true,
  validate: ({ value }) => (value === null ? [{ policyRequirement: 'REQUIRED' }] : []),
};

/** The type name IDM's valid-type gives a value: `null`, `array`, else JavaScript's `typeof`. */
export function typeNameOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function typeAccepts(declared: string, value: unknown, actual: string): boolean {
  if (declared === actual) return true;
  if (declared === 'relationship') return actual === 'object';
  return declared === 'integer' && Number.isInteger(value);
}

/** `valid-type` `{types}`: a present value must have one of the declared types. */
export const validTypePolicy: PolicyDefinition = {
  policyId: 'valid-type',
  policyRequirements: ['VALID_TYPE'],
  validateOnlyIfPresent: true,
  clientValidation: true,
  validate: ({ value, params }) => {
    const validTypes = stringListParam(params, 'types', 'valid-type');
    const invalidType = typeNameOf(value);
    if (validTypes.some((declared) => typeAccepts(declared, value, invalidType))) return [];
    return [{ policyRequirement: 'VALID_TYPE', params: { invalidType, validTypes } }];
  },
};
