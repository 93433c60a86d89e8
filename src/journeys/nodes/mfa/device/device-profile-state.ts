/**
 * Where the device profile nodes keep the collected profile, with AM's names: the Device Profile
 * Collector puts the client's profile (`{identifier, metadata?, location?, alias?}`) in shared
 * state under the single key `forgeRock.device.profile` (a key with dots in it, not a path), and
 * the other device nodes read its `identifier`, `metadata` and `location` from there.
 */
import { isJsonObject } from '../../../../json/is-json-object.ts';
import { ownValue } from '../../../../json/own-value.ts';
import type { JourneyStateData } from '../../../engine/node-context.ts';

/** AM's shared-state key of the collected profile. */
export const DEVICE_PROFILE = 'forgeRock.device.profile';
/** Longest device identifier accepted (the SDK's is three 32-bit numbers joined by dashes). */
export const MAX_IDENTIFIER_LENGTH = 256;

/** A geographic position in degrees. */
export interface GeoLocation {
  latitude: number;
  longitude: number;
}

/** The collected profile as a JSON object, undefined when no collector ran. */
export function collectedProfile(state: JourneyStateData): Record<string, unknown> | undefined {
  const profile = ownValue(state.shared, DEVICE_PROFILE);
  return isJsonObject(profile) ? profile : undefined;
}

/** A usable device identifier (a non-empty string of sensible length), else undefined. */
export function identifierOf(profile: Record<string, unknown> | undefined): string | undefined {
  const identifier = profile === undefined ? undefined : ownValue(profile, 'identifier');
  return typeof identifier === 'string' && identifier !== '' && identifier.length <= MAX_IDENTIFIER_LENGTH ? identifier : undefined;
}

/** The profile's `metadata` object, undefined when absent or not an object. */
export function metadataOf(profile: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const metadata = profile === undefined ? undefined : ownValue(profile, 'metadata');
  return isJsonObject(metadata) ? metadata : undefined;
}

/** True when the profile has a `location` entry (maybe without coordinates: the SDK sends `{}` when the user refused). */
export function hasLocation(profile: Record<string, unknown> | undefined): boolean {
  return profile !== undefined && isJsonObject(ownValue(profile, 'location'));
}

/** The coordinates of a `location` value, undefined unless both are finite numbers in range. */
export function coordinatesOf(location: unknown): GeoLocation | undefined {
  if (!isJsonObject(location)) return undefined;
  const latitude = ownValue(location, 'latitude');
  const longitude = ownValue(location, 'longitude');
  if (typeof latitude !== 'number' || typeof longitude !== 'number' || !Number.isFinite(latitude) || !Number.isFinite(longitude)) return undefined;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
  return { latitude, longitude };
}

/** The coordinates of the collected profile's `location`, undefined when it has none. */
export function profileCoordinates(profile: Record<string, unknown> | undefined): GeoLocation | undefined {
  return profile === undefined ? undefined : coordinatesOf(ownValue(profile, 'location'));
}
