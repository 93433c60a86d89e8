/**
 * What a stored normalization script returned, read as hostile input: an object with an account
 * `id` (text, or a whole number as GitHub's), the normalized profile's text fields (the address and
 * phone fields of custom normalizations included) and `emailVerified` (a boolean, or the text
 * "true"/"false" some providers send). Anything else is dropped; no object, or no id, is
 * PROFILE_INVALID.
 */
import { socialProviderError } from '../provider-errors.ts';
import type { NormalizedProfileInput } from './profile-to-managed-user.ts';

const TEXT_FIELDS = ['displayName', 'givenName', 'familyName', 'photoUrl', 'email', 'username', 'locale', 'phone', 'postalAddress', 'addressLocality', 'addressRegion', 'postalCode', 'country'] as const;

/** Longest text kept from a script's profile. */
const MAX_TEXT_LENGTH = 2048;

/** The normalized profile in `value` (a script's result). */
export function checkedNormalizedProfile(value: unknown): NormalizedProfileInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw socialProviderError('PROFILE_INVALID', 'The normalization script returned no object');
  }
  const field = (name: string): unknown => (Object.hasOwn(value, name) ? (value as Record<string, unknown>)[name] : undefined);
  const id = field('id');
  const text = typeof id === 'number' && Number.isSafeInteger(id) ? String(id) : id;
  if (typeof text !== 'string' || text === '' || text.length > MAX_TEXT_LENGTH) {
    throw socialProviderError('PROFILE_INVALID', 'The normalization script returned a profile without an account id');
  }
  const profile: NormalizedProfileInput = { id: text };
  for (const name of TEXT_FIELDS) {
    const given = field(name);
    if (typeof given === 'string' && given.length <= MAX_TEXT_LENGTH) profile[name] = given;
  }
  const verified = field('emailVerified');
  if (typeof verified === 'boolean') profile.emailVerified = verified;
  else if (verified === 'true' || verified === 'false') profile.emailVerified = verified === 'true';
  return profile;
}
