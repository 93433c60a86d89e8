/** The built-in policies Arbor evaluates, and the lookup by policy id the service uses. */
import { policyError } from './errors.ts';
import { regexpMatchesPolicy, validDatePolicy, validEmailAddressFormatPolicy, validNameFormatPolicy, validPhoneFormatPolicy } from './format-policies.ts';
import { isNewPolicy } from './is-new-policy.ts';
import type { PolicyDefinition } from './policy-types.ts';
import { notEmptyPolicy, notNullPolicy, requiredPolicy, validTypePolicy } from './presence-policies.ts';
import {
  atLeastXCapitalsPolicy,
  atLeastXNumbersPolicy,
  cannotContainCharactersPolicy,
  cannotContainDuplicatesPolicy,
  cannotContainOthersPolicy,
  maximumLengthPolicy,
  minimumLengthPolicy,
} from './string-policies.ts';
import { noInternalUserConflictPolicy, uniquePolicy, validUsernamePolicy } from './uniqueness-policies.ts';
import { usernameFormatPolicy } from './username-format-policy.ts';

/** IDM's built-in policies that apply to managed users. */
export const BUILT_IN_POLICIES: readonly PolicyDefinition[] = [
  requiredPolicy,
  notEmptyPolicy,
  notNullPolicy,
  uniquePolicy,
  noInternalUserConflictPolicy,
  validUsernamePolicy,
  regexpMatchesPolicy,
  validTypePolicy,
  validDatePolicy,
  validEmailAddressFormatPolicy,
  validNameFormatPolicy,
  validPhoneFormatPolicy,
  atLeastXCapitalsPolicy,
  atLeastXNumbersPolicy,
  minimumLengthPolicy,
  maximumLengthPolicy,
  cannotContainOthersPolicy,
  cannotContainCharactersPolicy,
  cannotContainDuplicatesPolicy,
  isNewPolicy,
  usernameFormatPolicy,
];

/** Finds a policy by id; UNKNOWN_POLICY when there is none. */
export type PolicyLookup = (policyId: string) => PolicyDefinition;

/** A lookup over the built-ins plus `extra` definitions (an extra one replaces a built-in of the same id). */
export function createPolicyLookup(extra: readonly PolicyDefinition[] = []): PolicyLookup {
  const byId = new Map<string, PolicyDefinition>();
  for (const definition of [...BUILT_IN_POLICIES, ...extra]) byId.set(definition.policyId, definition);
  return (policyId) => {
    const definition = byId.get(policyId);
    if (definition === undefined) throw policyError('UNKNOWN_POLICY', `Unknown policy "${policyId}"`);
    return definition;
  };
}
