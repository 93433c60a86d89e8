/**
 * IDM's `is-new` policy (its `multiplepasswords` sample): a new password may not be one of the
 * user's last `historyLength` passwords, that is the current one and the `historyLength − 1`
 * before it, whose hashes `_meta.passwordHistory` keeps (see `identity/password-history.ts`).
 */
import { historyLengthOf, IS_NEW_POLICY_ID } from '../identity/password-history.ts';
import { policyError } from './errors.ts';
import type { PolicyDefinition } from './policy-types.ts';
import { isNonEmptyString } from './policy-types.ts';

/** `is-new` `{historyLength}`: IS_NEW when the value matches one of the last `historyLength` stored hashes; a new object has none. */
export const isNewPolicy: PolicyDefinition = {
  policyId: IS_NEW_POLICY_ID,
  policyRequirements: ['IS_NEW'],
  validateOnlyIfPresent: true,
  clientValidation: false,
  async validate({ value, params, property, context }) {
    const historyLength = historyLengthOf(params);
    if (historyLength === undefined) throw policyError('INVALID_POLICY_PARAMS', `Policy "${IS_NEW_POLICY_ID}": params.historyLength must be an integer of at least 1`);
    if (!isNonEmptyString(value)) return [];
    for (const hash of (await context.storedHashes(property)).slice(0, historyLength)) {
      if (await context.verifyPassword(hash, value)) return [{ policyRequirement: 'IS_NEW', params: { historyLength } }];
    }
    return [];
  },
};
