/** IDM's format policies: regexpMatches, valid-date, valid-email-address-format, valid-name-format, valid-phone-format. */
import type { PolicyDefinition, RequirementFailure } from './policy-types.ts';
import { failsFormat } from './policy-types.ts';
import { optionalStringParam, stringParam } from './policy-params.ts';
import { isEmailAddress } from './email-address-syntax.ts';

/** `regexpMatches` `{regexp, flags?}`: numbers are matched as strings; reports `regexp` and `flags` beside `params`. */
export const regexpMatchesPolicy: PolicyDefinition = {
  policyId: 'regexpMatches',
  policyRequirements: ['MATCH_REGEXP'],
  validateOnlyIfPresent: false,
  clientValidation: true,
  validate: (check) => {
    const regexp = stringParam(check.params, 'regexp', 'regexpMatches');
    const flags = optionalStringParam(check.params, 'flags', 'regexpMatches');
    const pattern = new RegExp(regexp, flags);
    const value = typeof check.value === 'number' ? String(check.value) : check.value;
    if (!failsFormat({ ...check, value }, (text) => pattern.test(text))) return [];
    const failure: RequirementFailure = { policyRequirement: 'MATCH_REGEXP', regexp, params: check.params };
    if (flags !== undefined) failure.flags = flags;
    return [failure];
  },
};

/** Builds a format policy that reports `requirement` when `passes` rejects a present value. */
function formatPolicy(policyId: string, requirement: string, passes: (value: string) => boolean): PolicyDefinition {
  return {
    policyId,
    policyRequirements: [requirement],
    validateOnlyIfPresent: true,
    clientValidation: true,
    validate: (check) => (failsFormat(check, passes) ? [{ policyRequirement: requirement }] : []),
  };
}

/** `valid-date`: a string the date parser understands. */
export const validDatePolicy = formatPolicy('valid-date', 'VALID_DATE', (value) => !Number.isNaN(Date.parse(value)));

/**
 * `valid-email-address-format`: exactly one address (`isEmailAddress`), stricter than IDM's
 * something@something.something, which also passed lists (`a@x.com, b@evil.example`), display
 * names and line breaks that reached the mail headers.
 */
export const validEmailAddressFormatPolicy = formatPolicy('valid-email-address-format', 'VALID_EMAIL_ADDRESS_FORMAT', isEmailAddress);

/** `valid-name-format`: Latin letters (accented ones included), apostrophes, hyphens and spaces. */
export const validNameFormatPolicy = formatPolicy('valid-name-format', 'VALID_NAME_FORMAT', (value) =>
  /^[\p{Script=Latin}\p{M}'\u2019\-\s]+$/u.test(value),
);

/** `valid-phone-format`: an optional leading `+`, then digits, spaces, hyphens and parentheses. */
export const validPhoneFormatPolicy = formatPolicy('valid-phone-format', 'VALID_PHONE_FORMAT', (value) => /^\+?[0-9\- ()]*$/.test(value));
