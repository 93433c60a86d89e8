/**
 * The account-change listener of the device store: when a managed user is deleted, every device
 * they registered (in each realm whose users are of that type) is removed with them, so that a
 * later account with the same `_id` never inherits them. Other changes leave devices alone.
 */
import type { RealmRepository } from '../../config/ports.ts';
import type { DeviceRepository } from '../../devices/device-repository.ts';
import type { AccountChangeListener } from '../../identity/account-change.ts';

/** Removes a deleted user's devices from `devices`. */
export function removeDevicesOnAccountChange(deps: { devices: Pick<DeviceRepository, 'deleteAllOf'>; realms: Pick<RealmRepository, 'list'> }): AccountChangeListener {
  return async (change) => {
    if (change.reason !== 'deleted') return;
    for (const realm of await deps.realms.list()) {
      if (realm.userType === change.type) await deps.devices.deleteAllOf(realm.name, change.id);
    }
  };
}
