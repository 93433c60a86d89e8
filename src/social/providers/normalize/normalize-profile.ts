/**
 * Profile normalization: a provider's raw profile (userinfo, or a plain OAuth 2.0 profile) into
 * the normalized profile, by the built-in the provider's `transform` id names. An id Arbor has no
 * built-in for is UNKNOWN_TRANSFORM; a profile without an account id is PROFILE_INVALID.
 */
import type { NormalizedProfile } from '../../provider-config.ts';
import { socialProviderError } from '../provider-errors.ts';
import { CLAIM_MAPPINGS } from './claim-mappings.ts';
import { builtinTransformOf } from './transform-ids.ts';

/** True when Arbor has a built-in normalization for `transformId`. */
export function isKnownTransform(transformId: string): boolean {
  return builtinTransformOf(transformId) !== undefined;
}

/** The normalized profile of `rawProfile` by the normalization `transformId`. */
export function normalizeProfile(transformId: string, rawProfile: unknown): NormalizedProfile {
  const builtin = builtinTransformOf(transformId);
  if (builtin === undefined) throw socialProviderError('UNKNOWN_TRANSFORM', `No profile normalization script with id ${transformId}: Arbor runs only its built-in normalizations`);
  const fields = CLAIM_MAPPINGS[builtin](rawProfile);
  if (fields.id === undefined) throw socialProviderError('PROFILE_INVALID', `The provider's profile has no account id for the ${builtin} normalization`);
  const profile: NormalizedProfile = { id: fields.id };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) Object.assign(profile, { [key]: value });
  return profile;
}
