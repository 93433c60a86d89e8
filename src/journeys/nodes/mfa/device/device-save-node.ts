/**
 * Device Profile Save (`DeviceSaveNode`): saves the collected profile as one of the user's
 * `profile` devices, as AM does. The saved profile with the same `identifier` is updated, else a
 * new one is added; its `metadata` and `location` are the collected ones when
 * `saveDeviceMetadata` / `saveDeviceLocation` are on (and were collected), its
 * `lastSelectedDate` is now, and its alias is the shared-state value named by `variableName`,
 * else the alias it had, else the collected `metadata.platform.deviceName`. When the user then
 * has more than `maxSavedProfiles` profiles, the least recently selected ones are removed.
 * Leaves by `outcome`; a journey without a collected identifier or an active user ends in failure.
 */
import { Type } from '@sinclair/typebox';
import type { DeviceService } from '../../../../devices/device-service.ts';
import { MAX_DEVICE_NAME_LENGTH } from '../../../../devices/device-service.ts';
import { isJsonObject } from '../../../../json/is-json-object.ts';
import { ownValue } from '../../../../json/own-value.ts';
import { fail, goTo } from '../../../engine/actions.ts';
import type { NodeAction } from '../../../engine/actions.ts';
import { defineNode } from '../../../engine/define-node.ts';
import { MFA_DEVICES } from '../mfa-devices.ts';
import type { DeviceOwner } from './device-profile-owner.ts';
import { deviceOwner } from './device-profile-owner.ts';
import { collectedProfile, identifierOf, metadataOf } from './device-profile-state.ts';
import { savedProfiles } from './saved-device-profiles.ts';

/** The device name of a profile without an alias. */
export const UNNAMED_PROFILE = 'Unknown device';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, MAX_DEVICE_NAME_LENGTH) : undefined;
}

/** `metadata.platform.deviceName` of a profile's data, when it is a text. */
function platformDeviceName(data: Record<string, unknown>): string | undefined {
  const platform = ownValue(metadataOf(data) ?? {}, 'platform');
  return isJsonObject(platform) ? text(ownValue(platform, 'deviceName')) : undefined;
}

/** Removes the least recently selected profiles beyond `max`, never `keep`. */
async function evictBeyond(devices: DeviceService, owner: DeviceOwner, max: number, keep: string): Promise<void> {
  const others = (await savedProfiles(devices, owner)).filter((profile) => profile.device.id !== keep);
  others.sort((a, b) => a.lastSelectedDate - b.lastSelectedDate);
  for (const profile of others.slice(0, Math.max(0, others.length + 1 - max))) await devices.remove(owner.realm, owner.userId, 'profile', profile.device.id);
}

/** Device Profile Save: the collected profile saved, then `outcome`. */
export const deviceSaveNode = defineNode({
  type: 'DeviceSaveNode',
  displayName: 'Device Profile Save',
  category: 'risk',
  description: 'Saves the collected device profile among the user’s devices.',
  config: Type.Object({
    variableName: Type.String({ default: '', description: 'Shared-state variable holding the device’s name; its metadata’s device name when empty.' }),
    maxSavedProfiles: Type.Integer({ default: 5, minimum: 1, description: 'Most profiles kept per user; the least recently used go first.' }),
    saveDeviceMetadata: Type.Boolean({ default: true, description: 'Save the collected metadata.' }),
    saveDeviceLocation: Type.Boolean({ default: true, description: 'Save the collected location.' }),
  }),
  outcomes: ['outcome'],
  async process(ctx): Promise<NodeAction> {
    const profile = collectedProfile(ctx.state);
    const identifier = identifierOf(profile);
    if (profile === undefined || identifier === undefined) return fail();
    const owner = await deviceOwner(ctx);
    if (owner === undefined) return fail();
    const devices = ctx.services.capabilities.get(MFA_DEVICES);
    const existing = (await savedProfiles(devices, owner)).find((saved) => saved.identifier === identifier);
    const data: Record<string, unknown> = { ...existing?.device.data, identifier };
    if (ctx.config.saveDeviceMetadata && isJsonObject(ownValue(profile, 'metadata'))) data['metadata'] = ownValue(profile, 'metadata');
    if (ctx.config.saveDeviceLocation && isJsonObject(ownValue(profile, 'location'))) data['location'] = ownValue(profile, 'location');
    data['lastSelectedDate'] = ctx.services.clock.now();
    const named = ctx.config.variableName === '' ? undefined : text(ownValue(ctx.state.shared, ctx.config.variableName));
    const alias = named ?? text(data['alias']) ?? platformDeviceName(data);
    if (alias === undefined) delete data['alias'];
    else data['alias'] = alias;
    const deviceName = alias ?? UNNAMED_PROFILE;
    let id: string;
    if (existing === undefined) {
      id = (await devices.add(owner.realm, owner.userId, 'profile', { deviceName, data })).id;
    } else {
      // Someone else changed the profile meanwhile: theirs is as fresh as ours, keep it.
      await devices.save(owner.realm, owner.userId, { ...existing.device, deviceName, data });
      id = existing.device.id;
    }
    await evictBeyond(devices, owner, ctx.config.maxSavedProfiles, id);
    return goTo('outcome');
  },
});
