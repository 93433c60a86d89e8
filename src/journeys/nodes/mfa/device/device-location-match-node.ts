/**
 * Device Location Match (`DeviceLocationMatchNode`): whether the device is within `distance` km
 * (AM's decimal text, default "10") of where it was when its profile was saved, as AM decides
 * it. Without a collected identifier and coordinates, or without a saved profile of that
 * identifier that has coordinates, the node leaves by `unknownDevice`; else the saved profile's
 * `lastSelectedDate` becomes now and the node leaves by `true` (closer than `distance`) or
 * `false`. A journey without an active user ends in failure.
 */
import { Type } from '@sinclair/typebox';
import { fail, goTo } from '../../../engine/actions.ts';
import type { NodeAction } from '../../../engine/actions.ts';
import { defineNode } from '../../../engine/define-node.ts';
import { MFA_DEVICES } from '../mfa-devices.ts';
import { UNKNOWN_DEVICE } from './device-match-node.ts';
import { deviceOwner } from './device-profile-owner.ts';
import { collectedProfile, coordinatesOf, identifierOf, profileCoordinates } from './device-profile-state.ts';
import { geoDistanceKm, parseDistance } from './geo-distance.ts';
import { markSelected, savedProfiles } from './saved-device-profiles.ts';

/** AM's decimal text of a distance in km. */
export const DISTANCE_PATTERN = '^\\s*\\d+(\\.\\d+)?\\s*$';

/** Device Location Match: `true`, `false` or `unknownDevice`. */
export const deviceLocationMatchNode = defineNode({
  type: 'DeviceLocationMatchNode',
  displayName: 'Device Location Match',
  category: 'risk',
  description: 'Checks that the device is near where it was when its profile was saved.',
  config: Type.Object({
    distance: Type.String({ default: '10', pattern: DISTANCE_PATTERN, description: 'Largest distance from the saved location, km.' }),
  }),
  outcomes: ['true', 'false', UNKNOWN_DEVICE],
  async process(ctx): Promise<NodeAction> {
    const profile = collectedProfile(ctx.state);
    const identifier = identifierOf(profile);
    const here = profileCoordinates(profile);
    if (identifier === undefined || here === undefined) return goTo(UNKNOWN_DEVICE);
    const owner = await deviceOwner(ctx);
    if (owner === undefined) return fail();
    const devices = ctx.services.capabilities.get(MFA_DEVICES);
    const saved = (await savedProfiles(devices, owner)).find((candidate) => candidate.identifier === identifier && coordinatesOf(candidate.device.data['location']) !== undefined);
    const there = saved === undefined ? undefined : coordinatesOf(saved.device.data['location']);
    if (saved === undefined || there === undefined) return goTo(UNKNOWN_DEVICE);
    await markSelected(devices, owner, saved, ctx.services.clock.now());
    const limit = parseDistance(ctx.config.distance) ?? 10;
    return goTo(geoDistanceKm(here, there) < limit ? 'true' : 'false');
  },
});
