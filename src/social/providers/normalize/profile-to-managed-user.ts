/**
 * The Social Provider Handler's second step: the normalized profile onto the realm's identity.
 * "Normalized Profile to Managed User" (the platform's managed user: `givenName`, `sn`, `mail`,
 * `userName`, and the address and phone fields when the profile has them) and "Normalized Profile
 * to Identity" (the same plus `cn` and the alias `<provider>-<id>`); their AM script ids resolve
 * here. Absent values are left out, never written as empty.
 */
import type { NormalizedProfile } from '../../provider-config.ts';
import { socialProviderError } from '../provider-errors.ts';
import { PROFILE_TO_USER_IDS } from './transform-ids.ts';

/** A normalized profile, with the address and phone fields a custom normalization may add. */
export type NormalizedProfileInput = NormalizedProfile & {
  phone?: string;
  postalAddress?: string;
  addressLocality?: string;
  addressRegion?: string;
  postalCode?: string;
  country?: string;
};

/** The identity attributes, and whether the profile had no name at all (Apple after the first consent: do not overwrite names with blanks). */
export interface ProfileUserAttributes {
  attributes: Record<string, string | string[]>;
  nameEmptyOrNull: boolean;
}

const OPTIONAL: readonly (readonly [keyof NormalizedProfileInput, string])[] = [
  ['postalAddress', 'postalAddress'],
  ['addressLocality', 'city'],
  ['addressRegion', 'stateProvince'],
  ['postalCode', 'postalCode'],
  ['country', 'country'],
  ['phone', 'telephoneNumber'],
];

function blank(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
}

/** "Normalized Profile to Managed User". */
export function profileToManagedUser(profile: NormalizedProfileInput): ProfileUserAttributes {
  const attributes: Record<string, string> = {};
  const put = (name: string, value: unknown): void => {
    if (typeof value === 'string' && value !== '') attributes[name] = value;
  };
  put('givenName', profile.givenName);
  put('sn', profile.familyName);
  put('mail', profile.email);
  put('userName', profile.username);
  for (const [from, to] of OPTIONAL) put(to, profile[from]);
  return { attributes, nameEmptyOrNull: blank(profile.givenName) && blank(profile.familyName) };
}

/** "Normalized Profile to Identity": the managed-user attributes, `cn`, and the alias `<provider>-<id>` in `aliasList`. */
export function profileToIdentity(profile: NormalizedProfileInput, providerName: string): ProfileUserAttributes {
  const result = profileToManagedUser(profile);
  const attributes: Record<string, string | string[]> = { ...result.attributes, aliasList: [`${providerName}-${profile.id}`] };
  if (!blank(profile.displayName) && profile.displayName !== undefined) attributes.cn = profile.displayName;
  return { attributes, nameEmptyOrNull: result.nameEmptyOrNull };
}

/** True when `scriptId` names one of Arbor's built-in mappings. */
export function isBuiltinProfileMapping(scriptId: string): boolean {
  return scriptId === PROFILE_TO_USER_IDS.managedUser || scriptId === PROFILE_TO_USER_IDS.identity;
}

/** The mapping a Social Provider Handler node's `script` id names; UNKNOWN_TRANSFORM for another id. */
export function profileMappingFor(scriptId: string): (profile: NormalizedProfileInput, providerName: string) => ProfileUserAttributes {
  if (scriptId === PROFILE_TO_USER_IDS.managedUser) return (profile) => profileToManagedUser(profile);
  if (scriptId === PROFILE_TO_USER_IDS.identity) return profileToIdentity;
  throw socialProviderError('UNKNOWN_TRANSFORM', `No profile transformation script with id ${scriptId}: use "Normalized Profile to Managed User" (${PROFILE_TO_USER_IDS.managedUser}) or "Normalized Profile to Identity" (${PROFILE_TO_USER_IDS.identity})`);
}
