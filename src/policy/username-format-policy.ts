/**
 * `valid-username-format`: Arbor's rule for every username property (see `usernames.ts`), evaluated
 * on the normalized name whatever the schema lists: `VALID_USERNAME_FORMAT` for a control or
 * invisible character, `MAX_LENGTH` `{maxLength: 255}` past 255 code points. The policy service
 * adds it to the evaluation of username properties but not to their policy objects, so that
 * validated callbacks carry AM's `policies` byte for byte; failures are reported as any other.
 */
import type { PolicyDefinition, RequirementFailure } from './policy-types.ts';
import { hasForbiddenUsernameCharacter, MAX_USERNAME_CODE_POINTS, usernameLength } from './usernames.ts';

/** The policy id of the username rule. */
export const USERNAME_FORMAT_POLICY_ID = 'valid-username-format';

/** The rule as a policy. */
export const usernameFormatPolicy: PolicyDefinition = {
  policyId: USERNAME_FORMAT_POLICY_ID,
  policyRequirements: ['VALID_USERNAME_FORMAT', 'MAX_LENGTH'],
  validateOnlyIfPresent: true,
  clientValidation: false,
  validate: ({ value }) => {
    if (typeof value !== 'string') return [];
    const failures: RequirementFailure[] = [];
    if (hasForbiddenUsernameCharacter(value)) failures.push({ policyRequirement: 'VALID_USERNAME_FORMAT' });
    if (usernameLength(value) > MAX_USERNAME_CODE_POINTS) failures.push({ policyRequirement: 'MAX_LENGTH', params: { maxLength: MAX_USERNAME_CODE_POINTS } });
    return failures;
  },
};
