/**
 * An authenticator app as Arbor keeps it: a device of kind `oath` whose secret holds the shared
 * secret (upper-case hex, as AM) and whose data holds what may be shown and what verification
 * moves on (`lastStep`, the last TOTP time step used; `counter`, the next HOTP counter;
 * `driftSteps`; `checksumDigit` and `truncationOffset` as AM's device settings). Between the QR
 * code and its storage a new device is pending in transient state under AM's key
 * `oathDeviceProfile` (the journey state is sealed at rest; the secret never goes to shared state),
 * with `oathEnableRecoveryCode` telling the storage node to make recovery codes.
 *
 * The `oath` records without a shared secret are not apps: the Opt-out node's marker
 * (`data.skippable`), which verification ignores.
 */
import { generateRecoveryCodes, RECOVERY_CODES_KEY, storeRecoveryCodes } from '../../../../devices/recovery-codes.ts';
import type { Device, DeviceService } from '../../../../devices/device-service.ts';
import { secretFromHex } from '../../../../mfa/oath/oath-secret.ts';
import type { JourneyStateData } from '../../../engine/node-context.ts';

/** AM's transient key of a device not stored yet. */
export const OATH_DEVICE_PROFILE_KEY = 'oathDeviceProfile';
/** AM's key: make recovery codes when the pending device is stored. */
export const OATH_ENABLE_RECOVERY_CODE_KEY = 'oathEnableRecoveryCode';
/** AM's transient key of the device name the Recovery Code Display node shows. */
export const RECOVERY_CODE_DEVICE_NAME_KEY = 'recoveryCodeDeviceName';
/** AM's name for a new authenticator app. */
export const OATH_DEVICE_NAME = 'OATH Device';
/** AM's shared-state key naming the MFA method a registration options node offers. */
export const MFA_METHOD_KEY = 'mfaMethod';

/** What verification moves on, and how codes are made (all may be shown). */
export interface OathDeviceData {
  algorithm: 'TOTP' | 'HOTP';
  lastStep: number | undefined;
  counter: number;
  driftSteps: number;
  checksumDigit: boolean;
  truncationOffset: number;
}

/** A device before it is stored. */
export interface PendingOathDevice {
  sharedSecret: string;
  deviceName: string;
  data: OathDeviceData;
}

function integer(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : fallback;
}

/** The verification fields of a device's data, with safe defaults for anything missing or odd. */
export function oathDataOf(data: Record<string, unknown>): OathDeviceData {
  const last = data.lastStep;
  return {
    algorithm: data.algorithm === 'HOTP' ? 'HOTP' : 'TOTP',
    lastStep: typeof last === 'number' && Number.isSafeInteger(last) ? last : undefined,
    counter: Math.max(0, integer(data.counter, 0)),
    driftSteps: integer(data.driftSteps, 0),
    checksumDigit: data.checksumDigit === true,
    truncationOffset: integer(data.truncationOffset, -1),
  };
}

/** The data as stored (no `undefined` values). */
export function storedData(data: OathDeviceData): Record<string, unknown> {
  const { lastStep, ...rest } = data;
  return lastStep === undefined ? { ...rest } : { ...rest, lastStep };
}

/** True for a real authenticator app (a device with a readable shared secret). */
export function isOathApp(device: Device): boolean {
  try {
    secretFromHex(device.secret.sharedSecret);
    return true;
  } catch {
    return false;
  }
}

/** Keeps a new device for the confirmation or the storage node. */
export function keepPendingDevice(state: JourneyStateData, device: PendingOathDevice, recoveryCodes: boolean): void {
  state.transient[OATH_DEVICE_PROFILE_KEY] = { sharedSecret: device.sharedSecret, deviceName: device.deviceName, data: storedData(device.data) };
  state.transient[OATH_ENABLE_RECOVERY_CODE_KEY] = recoveryCodes;
}

/** The pending device, or undefined when there is none (or it is not one Arbor wrote). */
export function readPendingDevice(state: JourneyStateData): PendingOathDevice | undefined {
  const value = state.transient[OATH_DEVICE_PROFILE_KEY];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const sharedSecret = Object.hasOwn(value, 'sharedSecret') ? Reflect.get(value, 'sharedSecret') : undefined;
  const deviceName = Object.hasOwn(value, 'deviceName') ? Reflect.get(value, 'deviceName') : undefined;
  const data = Object.hasOwn(value, 'data') ? Reflect.get(value, 'data') : undefined;
  if (typeof sharedSecret !== 'string' || typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  try {
    secretFromHex(sharedSecret);
  } catch {
    return undefined;
  }
  return { sharedSecret, deviceName: typeof deviceName === 'string' && deviceName !== '' ? deviceName : OATH_DEVICE_NAME, data: oathDataOf(Object.fromEntries(Object.entries(data))) };
}

/** Forgets the pending device. */
export function forgetPendingDevice(state: JourneyStateData): void {
  delete state.transient[OATH_DEVICE_PROFILE_KEY];
  delete state.transient[OATH_ENABLE_RECOVERY_CODE_KEY];
}

/** True when the pending device asks for recovery codes. */
export function pendingWantsRecoveryCodes(state: JourneyStateData): boolean {
  return state.transient[OATH_ENABLE_RECOVERY_CODE_KEY] === true;
}

/**
 * Stores `pending` as the user's new app, removes an opt-out marker (AM sets the user "not
 * skippable"), and with `recoveryCodes` replaces the user's OATH recovery codes, leaving the new
 * codes and the device name in transient state for the Recovery Code Display node.
 */
export async function storeOathDevice(devices: DeviceService, state: JourneyStateData, where: { realm: string; userId: string }, pending: PendingOathDevice, recoveryCodes: boolean): Promise<void> {
  await devices.add(where.realm, where.userId, 'oath', { deviceName: pending.deviceName, data: storedData(pending.data), secret: { sharedSecret: pending.sharedSecret } });
  for (const marker of await devices.list(where.realm, where.userId, 'oath')) {
    if (!isOathApp(marker)) await devices.remove(where.realm, where.userId, 'oath', marker.id);
  }
  if (recoveryCodes) {
    const codes = generateRecoveryCodes();
    await storeRecoveryCodes(devices, where.realm, where.userId, 'oath', codes);
    state.transient[RECOVERY_CODES_KEY] = codes;
    state.transient[RECOVERY_CODE_DEVICE_NAME_KEY] = pending.deviceName;
  }
}
