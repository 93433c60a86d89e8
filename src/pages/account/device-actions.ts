/**
 * The account forms about sign-in devices, through the device service the MFA capability
 * registers: renaming one of the user's devices (1 to 100 characters, trimmed), removing one
 * after a confirmation step, and making new recovery codes for a kind of device, which replace
 * the old ones and are shown once. Every device is looked up among the signed-in user's own
 * (realm and user from the session), so another user's device id finds nothing and changes
 * nothing. New codes are made only when the form names the set of codes the page showed: a
 * reloaded answer (the same form posted again) is refused rather than replacing codes the user
 * may already have written down.
 */
import { MAX_DEVICE_NAME_LENGTH } from '../../devices/device-service.ts';
import { isDeviceError } from '../../devices/device-errors.ts';
import { generateRecoveryCodes, storeRecoveryCodes } from '../../devices/recovery-codes.ts';
import type { ActionInput, ActionResult } from './account-actions.ts';
import { deviceServiceOf, listedKindOf, loadAccountDevices, ownDevice, recoverableKindOf } from './account-devices.ts';

/** Device ids are UUIDs; anything longer is no id of ours. */
const MAX_ID_LENGTH = 64;

const NOT_FOUND: ActionResult = { kind: 'done', status: 'deviceNotFound' };

function field(form: ReadonlyMap<string, string>, name: string): string {
  return form.get(name) ?? '';
}

function idOf(form: ReadonlyMap<string, string>): string | undefined {
  const id = field(form, 'id');
  return id === '' || id.length > MAX_ID_LENGTH ? undefined : id;
}

/** Renames one of the user's devices; a refused name comes back next to the device's field. */
export async function renameDevice({ deps, session, form }: ActionInput): Promise<ActionResult> {
  const devices = deviceServiceOf(deps);
  const kind = listedKindOf(form.get('kind'));
  const id = idOf(form);
  if (devices === undefined || kind === undefined || id === undefined) return NOT_FOUND;
  const typed = field(form, 'name');
  const name = typed.trim();
  const invalid = (reason: 'empty' | 'tooLong'): ActionResult => ({ kind: 'invalid', problems: { device: { kind, id, name: typed.slice(0, MAX_DEVICE_NAME_LENGTH * 2), reason } } });
  if (name === '') return invalid('empty');
  if (name.length > MAX_DEVICE_NAME_LENGTH) return invalid('tooLong');
  try {
    const renamed = await devices.rename(session.realm, session.userId, kind, id, name);
    return renamed === undefined ? NOT_FOUND : { kind: 'done', status: 'deviceRenamed' };
  } catch (error) {
    if (isDeviceError(error) && error.code === 'DEVICE_NAME_INVALID') return invalid('empty');
    if (isDeviceError(error) && error.code === 'DEVICE_BUSY') return { kind: 'invalid', problems: { notice: 'changedMeanwhile' } };
    throw error;
  }
}

/** Removes one of the user's devices, once confirmed. */
export async function removeDevice({ deps, session, form }: ActionInput): Promise<ActionResult> {
  const devices = deviceServiceOf(deps);
  const kind = listedKindOf(form.get('kind'));
  const id = idOf(form);
  if (devices === undefined || kind === undefined || id === undefined) return NOT_FOUND;
  const device = await ownDevice(devices, session.realm, session.userId, kind, id);
  if (device === undefined) return NOT_FOUND;
  if (form.get('confirm') !== 'yes') return { kind: 'confirmRemoveDevice', device };
  return (await devices.remove(session.realm, session.userId, kind, device.id)) ? { kind: 'done', status: 'deviceRemoved' } : NOT_FOUND;
}

/**
 * Makes new recovery codes for a kind of device the user has (or has codes for), replacing the
 * set the form names (`replaces`: its id, empty when there was none).
 */
export async function replaceRecoveryCodes({ deps, session, form }: ActionInput): Promise<ActionResult> {
  const devices = deviceServiceOf(deps);
  const forKind = recoverableKindOf(form.get('kind'));
  if (devices === undefined || forKind === undefined) return NOT_FOUND;
  const current = await loadAccountDevices(devices, session.realm, session.userId);
  const set = current.codes.find((codes) => codes.forKind === forKind);
  if (set === undefined && !current.devices.some((device) => device.kind === forKind)) return NOT_FOUND;
  if ((set?.setId ?? '') !== field(form, 'replaces')) return { kind: 'done', status: 'codesAlreadyReplaced' };
  const codes = generateRecoveryCodes();
  await storeRecoveryCodes(devices, session.realm, session.userId, forKind, codes);
  return { kind: 'recoveryCodes', forKind, codes };
}
