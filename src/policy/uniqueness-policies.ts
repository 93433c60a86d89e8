/** IDM's uniqueness policies: unique, no-internal-user-conflict, and valid-username (both at once). */
import type { PolicyCheck, PolicyDefinition } from './policy-types.ts';
import { isNonEmptyString } from './policy-types.ts';

async function takenByAnother(check: PolicyCheck): Promise<boolean> {
  // Policies apply to top-level properties only; a `/`-path has no index to ask.
  if (!isNonEmptyString(check.value) || check.property.includes('/')) return false;
  const ids = await check.context.idsHolding(check.property, check.value);
  return ids.some((id) => id !== check.context.objectId);
}

async function internalConflict(check: PolicyCheck): Promise<boolean> {
  return isNonEmptyString(check.value) && (await check.context.internalUserExists(check.value));
}

/** `unique`: no other object of the type has this value (compared case-insensitively, as IDM's repositories do). */
export const uniquePolicy: PolicyDefinition = {
  policyId: 'unique',
  policyRequirements: ['UNIQUE'],
  validateOnlyIfPresent: false,
  clientValidation: false,
  validate: async (check) => ((await takenByAnother(check)) ? [{ policyRequirement: 'UNIQUE' }] : []),
};

/** `no-internal-user-conflict`: the value is not the id of an IDM internal user (`openidm-admin`…). */
export const noInternalUserConflictPolicy: PolicyDefinition = {
  policyId: 'no-internal-user-conflict',
  policyRequirements: ['UNIQUE'],
  validateOnlyIfPresent: false,
  clientValidation: false,
  validate: async (check) => ((await internalConflict(check)) ? [{ policyRequirement: 'UNIQUE' }] : []),
};

/** `valid-username` (IDM 7): unique and no internal user conflict, reported as one UNIQUE. */
export const validUsernamePolicy: PolicyDefinition = {
  policyId: 'valid-username',
  policyRequirements: ['UNIQUE'],
  validateOnlyIfPresent: false,
  clientValidation: false,
  validate: async (check) => ((await internalConflict(check)) || (await takenByAnother(check)) ? [{ policyRequirement: 'UNIQUE' }] : []),
};
