/**
 * Device Geofencing (`DeviceGeoFencingNode`): whether the device is within `distance` km (AM's
 * decimal text, default "10") of one of the trusted `locations` (each `"<latitude>,<longitude>"`,
 * as AM writes them), as AM decides it: `true` inside one, `false` outside all.
 *
 * A journey where no collector asked for the location ends in failure, as in AM. A location
 * without coordinates (the SDK sends `{}` when the user refused to share it; AM errors there)
 * leaves by `false`: a device that does not say where it is, is not inside a trusted zone.
 */
import { Type } from '@sinclair/typebox';
import { fail, goTo } from '../../../engine/actions.ts';
import type { NodeAction } from '../../../engine/actions.ts';
import { defineNode } from '../../../engine/define-node.ts';
import type { GeoLocation } from './device-profile-state.ts';
import { collectedProfile, coordinatesOf, hasLocation, profileCoordinates } from './device-profile-state.ts';
import { DISTANCE_PATTERN } from './device-location-match-node.ts';
import { geoDistanceKm, parseDistance } from './geo-distance.ts';

/** A trusted location as AM writes it: `<latitude>,<longitude>` in degrees. */
export const LOCATION_PATTERN = '^\\s*[-+]?\\d+(\\.\\d+)?\\s*,\\s*[-+]?\\d+(\\.\\d+)?\\s*$';

/** The position of a `"<latitude>,<longitude>"` text, undefined when it is none. */
export function parseTrustedLocation(value: string): GeoLocation | undefined {
  const parts = value.split(',');
  if (parts.length !== 2) return undefined;
  return coordinatesOf({ latitude: Number(parts[0]?.trim()), longitude: Number(parts[1]?.trim()) });
}

/** Device Geofencing: `true` inside a trusted zone, `false` outside. */
export const deviceGeoFencingNode = defineNode({
  type: 'DeviceGeoFencingNode',
  displayName: 'Device Geofencing',
  category: 'risk',
  description: 'Checks that the device is near one of the trusted locations.',
  config: Type.Object({
    locations: Type.Array(Type.String({ pattern: LOCATION_PATTERN }), { default: [], minItems: 1, maxItems: 1000, description: 'Trusted locations, each "<latitude>,<longitude>".' }),
    distance: Type.String({ default: '10', pattern: DISTANCE_PATTERN, description: 'Largest distance from a trusted location, km.' }),
  }),
  outcomes: ['true', 'false'],
  process(ctx): NodeAction {
    const profile = collectedProfile(ctx.state);
    if (!hasLocation(profile)) return fail();
    const here = profileCoordinates(profile);
    if (here === undefined) return goTo('false');
    const limit = parseDistance(ctx.config.distance) ?? 10;
    for (const text of ctx.config.locations) {
      const fence = parseTrustedLocation(text);
      if (fence !== undefined && geoDistanceKm(here, fence) < limit) return goTo('true');
    }
    return goTo('false');
  },
});
