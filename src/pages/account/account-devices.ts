/**
 * What the account page knows of a user's sign-in devices: the device service the MFA capability
 * registers (`MFA_DEVICES`, found through the platform's capabilities; absent when the deployment
 * has no MFA), and the user's authenticator apps, WebAuthn devices and remembered device profiles
 * with how many recovery codes are left for each kind of device. Only device *views* are read:
 * no secret (OATH shared secret, recovery-code hash) ever reaches the page.
 */
import type { DeviceKind } from '../../devices/device-record.ts';
import type { DeviceService, DeviceView } from '../../devices/device-service.ts';
import type { RecoverableKind } from '../../devices/recovery-codes.ts';
import type { AppDeps } from '../../http/app-deps.ts';
import { MFA_DEVICES } from '../../journeys/nodes/mfa/mfa-devices.ts';

/** The kinds of device the page lists, renames and removes (recovery codes have their own section). */
export const LISTED_KINDS = ['oath', 'webauthn', 'profile'] as const;
export type ListedKind = (typeof LISTED_KINDS)[number];

/** The kinds of device that have recovery codes, in the order shown. */
export const RECOVERABLE_KINDS: readonly RecoverableKind[] = ['oath', 'webauthn'];

/** A device as the page shows it. */
export interface ShownDevice {
  id: string;
  kind: ListedKind;
  name: string;
  createdDate: number;
  /** When it was last used (a profile: last selected). */
  lastUsedDate: number;
}

/** The recovery codes of one kind of device. */
export interface ShownCodes {
  forKind: RecoverableKind;
  remaining: number;
  /** The id of the stored set (a new set has a new id): what "Make new codes" replaces. */
  setId: string;
}

/** The user's devices and recovery codes. */
export interface AccountDevices {
  devices: ShownDevice[];
  codes: ShownCodes[];
}

/** The device service of this deployment; undefined without the MFA capability. */
export function deviceServiceOf(deps: Pick<AppDeps, 'capabilities'>): DeviceService | undefined {
  const capabilities = deps.capabilities;
  return capabilities?.has(MFA_DEVICES) ? capabilities.get(MFA_DEVICES) : undefined;
}

/** `value` when it is one of the listed kinds. */
export function listedKindOf(value: string | undefined): ListedKind | undefined {
  return LISTED_KINDS.find((kind) => kind === value);
}

/** `value` when it is a kind with recovery codes. */
export function recoverableKindOf(value: string | undefined): RecoverableKind | undefined {
  return RECOVERABLE_KINDS.find((kind) => kind === value);
}

function numberIn(data: Record<string, unknown>, name: string): number | undefined {
  const value = Object.hasOwn(data, name) ? data[name] : undefined;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function shown(view: DeviceView): ShownDevice | undefined {
  const kind = listedKindOf(view.kind);
  if (kind === undefined) return undefined;
  const lastUsedDate = (kind === 'profile' ? numberIn(view.data, 'lastSelectedDate') : undefined) ?? view.lastAccessDate;
  return { id: view.id, kind, name: view.deviceName, createdDate: view.createdDate, lastUsedDate };
}

function codesOf(view: DeviceView): ShownCodes | undefined {
  const forKind = recoverableKindOf(typeof view.data.forKind === 'string' ? view.data.forKind : undefined);
  if (forKind === undefined) return undefined;
  return { forKind, remaining: Math.max(0, Math.floor(numberIn(view.data, 'remaining') ?? 0)), setId: view.id };
}

/** The user's devices (oldest first) and recovery codes, read as views. */
export async function loadAccountDevices(devices: DeviceService, realm: string, userId: string): Promise<AccountDevices> {
  const views = await devices.views(realm, userId);
  return {
    devices: views.flatMap((view) => shown(view) ?? []),
    codes: views.filter((view) => view.kind === 'recovery').flatMap((view) => codesOf(view) ?? []),
  };
}

/** One of the user's own listed devices; undefined when they have none with this kind and id. */
export async function ownDevice(devices: DeviceService, realm: string, userId: string, kind: DeviceKind, id: string): Promise<ShownDevice | undefined> {
  const view = (await devices.views(realm, userId, kind)).find((candidate) => candidate.id === id);
  return view === undefined ? undefined : shown(view);
}
