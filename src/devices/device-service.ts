/**
 * The device service: a user's registered devices over the `DeviceRepository`, with their secret
 * fields sealed by the master key before they reach the store (purpose `device <kind>`) and opened
 * only for the nodes that verify them. Administrators and users see `DeviceView`s, which carry no
 * secret. Names are trimmed and limited; a device's `data` and `secret` must be plain JSON objects.
 */
import { randomUUID } from 'node:crypto';
import type { SecretSealer } from '../secrets/secret-sealer.ts';
import type { DeviceKind, DeviceRecord } from './device-record.ts';
import type { DeviceRepository } from './device-repository.ts';
import { deviceError } from './device-errors.ts';

/** A device with its secret fields opened (for nodes only). */
export interface Device {
  id: string;
  kind: DeviceKind;
  deviceName: string;
  createdDate: number;
  lastAccessDate: number;
  data: Record<string, unknown>;
  secret: Record<string, unknown>;
  revision: number;
}

/** A device as REST answers show it: no secret. */
export type DeviceView = Omit<Device, 'secret'>;

/** What a new device is made of. */
export interface NewDevice {
  deviceName: string;
  data: Record<string, unknown>;
  secret?: Record<string, unknown>;
}

/** Longest device name kept. */
export const MAX_DEVICE_NAME_LENGTH = 100;

/** Operations on users' devices. */
export interface DeviceService {
  /** The user's devices of `kind`, secrets opened, oldest first. */
  list(realm: string, userId: string, kind: DeviceKind): Promise<Device[]>;
  /** Adds a device; its id is a new UUID. */
  add(realm: string, userId: string, kind: DeviceKind, device: NewDevice): Promise<Device>;
  /**
   * Writes back a device read from `list` (new name, data, secret; `lastAccessDate` set to now)
   * when nobody changed it meanwhile; the stored device, or undefined when it changed or is gone.
   */
  save(realm: string, userId: string, device: Device): Promise<Device | undefined>;
  /** The user's devices without secrets (every kind when `kind` is absent). */
  views(realm: string, userId: string, kind?: DeviceKind): Promise<DeviceView[]>;
  /** Renames a device; DEVICE_NAME_INVALID for an empty or too long name; undefined when there is no such device. */
  rename(realm: string, userId: string, kind: DeviceKind, id: string, deviceName: string): Promise<DeviceView | undefined>;
  /** Removes one device; false when there was none. */
  remove(realm: string, userId: string, kind: DeviceKind, id: string): Promise<boolean>;
  /** Removes every device of the user. */
  removeAll(realm: string, userId: string): Promise<number>;
}

/** What the service is built from. */
export interface DeviceServiceDeps {
  repository: DeviceRepository;
  sealer: SecretSealer;
  clock: { now(): number };
}

function checkedName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > MAX_DEVICE_NAME_LENGTH) {
    throw deviceError('DEVICE_NAME_INVALID', `A device name is 1 to ${MAX_DEVICE_NAME_LENGTH} characters`);
  }
  return trimmed;
}

function plainObject(value: unknown): Record<string, unknown> {
  const copy: unknown = JSON.parse(JSON.stringify(value ?? {}));
  if (typeof copy !== 'object' || copy === null || Array.isArray(copy)) throw deviceError('DEVICE_INVALID', 'Device data and secrets are JSON objects');
  return Object.fromEntries(Object.entries(copy));
}

function viewOf(record: DeviceRecord): DeviceView {
  return {
    id: record.id,
    kind: record.kind,
    deviceName: record.deviceName,
    createdDate: record.createdDate,
    lastAccessDate: record.lastAccessDate,
    data: structuredClone(record.data),
    revision: record.revision,
  };
}

/** Makes the service. */
export function createDeviceService(deps: DeviceServiceDeps): DeviceService {
  const purpose = (kind: DeviceKind): string => `device ${kind}`;
  const open = (record: DeviceRecord): Device => {
    const secret = record.sealedSecret === undefined ? {} : plainObject(JSON.parse(deps.sealer.open(record.sealedSecret, purpose(record.kind))));
    return { ...viewOf(record), secret };
  };
  const sealed = (kind: DeviceKind, secret: Record<string, unknown> | undefined): string | undefined =>
    secret === undefined || Object.keys(secret).length === 0 ? undefined : deps.sealer.seal(JSON.stringify(plainObject(secret)), purpose(kind));

  return {
    async list(realm, userId, kind) {
      return (await deps.repository.list(realm, userId, kind)).map(open);
    },
    async add(realm, userId, kind, device) {
      const now = deps.clock.now();
      const secret = sealed(kind, device.secret);
      const record = await deps.repository.create({
        realm,
        userId,
        kind,
        id: randomUUID(),
        deviceName: checkedName(device.deviceName),
        createdDate: now,
        lastAccessDate: now,
        data: plainObject(device.data),
        ...(secret === undefined ? {} : { sealedSecret: secret }),
      });
      return open(record);
    },
    async save(realm, userId, device) {
      const current = await deps.repository.get(realm, userId, device.kind, device.id);
      if (current === undefined || current.revision !== device.revision) return undefined;
      const secret = sealed(device.kind, device.secret);
      const { sealedSecret: _old, ...rest } = current;
      const stored = await deps.repository.update({
        ...rest,
        deviceName: checkedName(device.deviceName),
        lastAccessDate: deps.clock.now(),
        data: plainObject(device.data),
        ...(secret === undefined ? {} : { sealedSecret: secret }),
      });
      return stored === undefined ? undefined : open(stored);
    },
    async views(realm, userId, kind) {
      return (await deps.repository.list(realm, userId, kind)).map(viewOf);
    },
    async rename(realm, userId, kind, id, deviceName) {
      const name = checkedName(deviceName);
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const current = await deps.repository.get(realm, userId, kind, id);
        if (current === undefined) return undefined;
        const stored = await deps.repository.update({ ...current, deviceName: name });
        if (stored !== undefined) return viewOf(stored);
      }
      throw deviceError('DEVICE_BUSY', 'The device kept changing; try again');
    },
    remove: (realm, userId, kind, id) => deps.repository.delete(realm, userId, kind, id),
    removeAll: (realm, userId) => deps.repository.deleteAllOf(realm, userId),
  };
}
