/**
 * IDM's string content policies: lengths, character classes, forbidden characters, other fields'
 * values; and cannot-contain-duplicates for arrays.
 */
import type { PolicyDefinition } from './policy-types.ts';
import { failsFormat, isNonEmptyString } from './policy-types.ts';
import { numberParam, stringListParam } from './policy-params.ts';

function countOf(value: string, pattern: RegExp): number {
  return value.match(pattern)?.length ?? 0;
}

/** `minimum-length` `{minLength}`: at least that many characters (UTF-16 units, as IDM's JavaScript counts). */
export const minimumLengthPolicy: PolicyDefinition = {
  policyId: 'minimum-length',
  policyRequirements: ['MIN_LENGTH'],
  validateOnlyIfPresent: true,
  clientValidation: true,
  validate: (check) => {
    const minLength = numberParam(check.params, 'minLength', 'minimum-length');
    return failsFormat(check, (value) => value.length >= minLength) ? [{ policyRequirement: 'MIN_LENGTH', params: { minLength } }] : [];
  },
};

/** `maximum-length` `{maxLength}`: at most that many characters. */
export const maximumLengthPolicy: PolicyDefinition = {
  policyId: 'maximum-length',
  policyRequirements: ['MAX_LENGTH'],
  validateOnlyIfPresent: true,
  clientValidation: true,
  validate: ({ value, params }) => {
    const maxLength = numberParam(params, 'maxLength', 'maximum-length');
    return typeof value === 'string' && value.length > maxLength ? [{ policyRequirement: 'MAX_LENGTH', params: { maxLength } }] : [];
  },
};

/** `at-least-X-capitals` `{numCaps}`: at least that many ASCII capital letters. */
export const atLeastXCapitalsPolicy: PolicyDefinition = {
  policyId: 'at-least-X-capitals',
  policyRequirements: ['AT_LEAST_X_CAPITAL_LETTERS'],
  validateOnlyIfPresent: true,
  clientValidation: true,
  validate: (check) => {
    const numCaps = numberParam(check.params, 'numCaps', 'at-least-X-capitals');
    const fails = failsFormat(check, (value) => countOf(value, /[A-Z]/g) >= numCaps);
    return fails ? [{ policyRequirement: 'AT_LEAST_X_CAPITAL_LETTERS', params: { numCaps } }] : [];
  },
};

/** `at-least-X-numbers` `{numNums}`: at least that many digits. */
export const atLeastXNumbersPolicy: PolicyDefinition = {
  policyId: 'at-least-X-numbers',
  policyRequirements: ['AT_LEAST_X_NUMBERS'],
  validateOnlyIfPresent: true,
  clientValidation: true,
  validate: (check) => {
    const numNums = numberParam(check.params, 'numNums', 'at-least-X-numbers');
    const fails = failsFormat(check, (value) => countOf(value, /[0-9]/g) >= numNums);
    return fails ? [{ policyRequirement: 'AT_LEAST_X_NUMBERS', params: { numNums } }] : [];
  },
};

/** `cannot-contain-characters` `{forbiddenChars}`: reports the list joined with ", ". */
export const cannotContainCharactersPolicy: PolicyDefinition = {
  policyId: 'cannot-contain-characters',
  policyRequirements: ['CANNOT_CONTAIN_CHARACTERS'],
  validateOnlyIfPresent: true,
  clientValidation: true,
  validate: ({ value, params }) => {
    const raw = params.forbiddenChars;
    const forbiddenChars = typeof raw === 'string' ? [...raw] : stringListParam(params, 'forbiddenChars', 'cannot-contain-characters');
    if (!isNonEmptyString(value) || !forbiddenChars.some((chars) => value.includes(chars))) return [];
    return [{ policyRequirement: 'CANNOT_CONTAIN_CHARACTERS', params: { forbiddenChars: forbiddenChars.join(', ') } }];
  },
};

/**
 * `cannot-contain-others` `{disallowedFields}`: the value must not contain (case-sensitively) the
 * value of any listed field, read from the object or, on update, the stored object. Reports the
 * first offending field's name. Empty field values are ignored.
 */
export const cannotContainOthersPolicy: PolicyDefinition = {
  policyId: 'cannot-contain-others',
  policyRequirements: ['CANNOT_CONTAIN_OTHERS'],
  validateOnlyIfPresent: true,
  clientValidation: true,
  validate: async ({ value, params, context }) => {
    const fields = stringListParam(params, 'disallowedFields', 'cannot-contain-others');
    if (!isNonEmptyString(value)) return [];
    for (const field of fields) {
      const other = await context.field(field);
      if (isNonEmptyString(other) && value.includes(other)) {
        return [{ policyRequirement: 'CANNOT_CONTAIN_OTHERS', params: { disallowedFields: field } }];
      }
    }
    return [];
  },
};

/** `cannot-contain-duplicates`: an array must not hold the same value twice; reports the first repeat. */
export const cannotContainDuplicatesPolicy: PolicyDefinition = {
  policyId: 'cannot-contain-duplicates',
  policyRequirements: ['CANNOT_CONTAIN_DUPLICATES'],
  validateOnlyIfPresent: true,
  clientValidation: true,
  validate: ({ value }) => {
    if (!Array.isArray(value)) return [];
    const seen = new Set<string>();
    for (const item of value) {
      const key = typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item);
      if (seen.has(key)) return [{ policyRequirement: 'CANNOT_CONTAIN_DUPLICATES', params: { duplicateValue: item } }];
      seen.add(key);
    }
    return [];
  },
};
