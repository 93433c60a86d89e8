/**
 * A user's saved device profiles, as `profile` devices of the device service: `data` holds the
 * profile's `identifier`, `metadata`, `location`, `alias` and `lastSelectedDate` (epoch ms), as
 * AM's device profile store keeps them. A profile holds no secret.
 */
import type { Device, DeviceService } from '../../../../devices/device-service.ts';
import type { DeviceOwner } from './device-profile-owner.ts';

/** A saved profile with the fields the device nodes compare. */
export interface SavedProfile {
  device: Device;
  identifier: string;
  /** When the profile was last matched or saved, epoch ms. */
  lastSelectedDate: number;
}

/** The owner's saved profiles, oldest first; records without an identifier are skipped. */
export async function savedProfiles(devices: DeviceService, owner: DeviceOwner): Promise<SavedProfile[]> {
  const found: SavedProfile[] = [];
  for (const device of await devices.list(owner.realm, owner.userId, 'profile')) {
    const identifier = device.data['identifier'];
    if (typeof identifier !== 'string') continue;
    const selected = device.data['lastSelectedDate'];
    found.push({ device, identifier, lastSelectedDate: typeof selected === 'number' && Number.isFinite(selected) ? selected : device.lastAccessDate });
  }
  return found;
}

/**
 * Records that the profile was just used (`lastSelectedDate` = now), as AM's match nodes do. A
 * concurrent change of the same profile wins: the date is bookkeeping, not a decision.
 */
export async function markSelected(devices: DeviceService, owner: DeviceOwner, profile: SavedProfile, now: number): Promise<void> {
  await devices.save(owner.realm, owner.userId, { ...profile.device, data: { ...profile.device.data, lastSelectedDate: now } });
}
