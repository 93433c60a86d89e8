/**
 * The user's page's Devices card: the user's authenticator apps (OATH), WebAuthn credentials and
 * device profiles (AM's device REST) with "Delete" after a confirmation, and how many recovery
 * codes are left per kind of device.
 */
import { createElement as h, useCallback, useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import type { CardStatus } from './identity-card-status.ts';
import { cardStatus, QUIET_STATUS } from './identity-card-status.ts';
import { deleteDevice, listDevices } from './identity-extras-client.ts';
import type { DeviceRow, RecoveryCodesRow } from './identity-extras-model.ts';
import { DEVICE_KIND_NAMES, timeText } from './identity-extras-model.ts';
import { isCardProblem } from './identity-sessions-card.ts';

/** The card of user `userId` of `realm`. */
export function IdentityDevicesCard(props: { realm: string; userId: string; onError: (error: unknown) => void }): ReactElement {
  const [listed, setListed] = useState<{ devices: DeviceRow[]; recovery: RecoveryCodesRow[] } | undefined>(undefined);
  const [confirming, setConfirming] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<CardStatus>(QUIET_STATUS);
  const [busy, setBusy] = useState(false);
  const { realm, userId, onError } = props;

  const load = useCallback(async (): Promise<void> => setListed(await listDevices(realm, userId)), [realm, userId]);

  useEffect(() => {
    load().catch((error: unknown) => (isCardProblem(error) ? setStatus({ notice: '', problem: error.status === 404 ? 'Devices cannot be listed here (multi-factor authentication is not installed).' : error.message }) : onError(error)));
  }, [load, onError]);

  async function remove(device: DeviceRow): Promise<void> {
    if (busy) return;
    setBusy(true);
    setStatus(QUIET_STATUS);
    try {
      await deleteDevice(realm, userId, device);
      setConfirming(undefined);
      await load();
      setStatus({ notice: `Deleted ${device.name || 'the device'}.`, problem: '' });
    } catch (error) {
      if (isCardProblem(error)) setStatus({ notice: '', problem: error.message });
      else onError(error);
    } finally {
      setBusy(false);
    }
  }

  const item = (device: DeviceRow): ReactElement => {
    const key = `${device.kind}/${device.id}`;
    const name = device.name || device.id;
    return h(
      'li',
      { key },
      h('span', null, h('strong', null, name), h('br'), h('small', { className: 'hint' }, `${DEVICE_KIND_NAMES[device.kind]} · added ${timeText(device.created)} · last used ${timeText(device.lastUsed)}`)),
      confirming === key
        ? h(
            'span',
            { role: 'group', 'aria-label': `Confirm deleting ${name}` },
            h('button', { type: 'button', className: 'danger', disabled: busy, onClick: () => void remove(device) }, 'Delete device'),
            ' ',
            h('button', { type: 'button', onClick: () => setConfirming(undefined) }, 'Cancel'),
          )
        : h('button', { type: 'button', 'aria-label': `Delete ${name}`, onClick: () => setConfirming(key) }, 'Delete…'),
    );
  };

  return h(
    'section',
    { className: 'card', 'aria-labelledby': 'identity-devices-title' },
    h('h2', { id: 'identity-devices-title' }, 'Devices'),
    cardStatus(status),
    listed === undefined
      ? status.problem === '' ? h('p', { className: 'hint' }, 'Loading…') : null
      : h(
          'div',
          null,
          listed.devices.length === 0 ? h('p', { className: 'hint' }, 'No registered device.') : h('ul', { className: 'item-list' }, ...listed.devices.map(item)),
          ...listed.recovery.map((codes) => h('p', { key: codes.forKind, className: 'hint' }, `Recovery codes left for ${codes.forKind === '' ? 'devices' : codes.forKind}: ${codes.remaining}`)),
        ),
  );
}
