/**
 * Recovery codes: when a user registers an authenticator app or a WebAuthn device, ten codes
 * are made for that kind of device; the user sees them once (the Recovery Code Display node reads
 * them from transient state `recoveryCodes`) and each signs in once in place of the device. They
 * are kept as the user's `recovery` device for that kind, each code only as a SHA-256 hash (the
 * codes are random, 10 characters from 62, so a fast hash does not weaken them), sealed as the
 * device's secret. A used code is struck off with a compare-and-set, so two requests cannot both
 * spend it.
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { DeviceKind } from './device-record.ts';
import type { DeviceService } from './device-service.ts';

/** Where a registration node leaves the new codes for the Recovery Code Display node (AM's key). */
export const RECOVERY_CODES_KEY = 'recoveryCodes';

/** How many codes a registration makes (AM: 10). */
export const RECOVERY_CODE_COUNT = 10;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const CODE_LENGTH = 10;

/** The kinds of device that have recovery codes. */
export type RecoverableKind = Extract<DeviceKind, 'oath' | 'webauthn'>;

/** `count` new random codes. */
export function generateRecoveryCodes(count: number = RECOVERY_CODE_COUNT): string[] {
  const codes: string[] = [];
  for (let index = 0; index < count; index += 1) {
    let code = '';
    for (let position = 0; position < CODE_LENGTH; position += 1) code += ALPHABET[randomInt(ALPHABET.length)];
    codes.push(code);
  }
  return codes;
}

function hashOf(code: string): string {
  return createHash('sha256').update(code.trim(), 'utf8').digest('base64url');
}

function hashesOf(secret: Record<string, unknown>): string[] {
  const hashes = secret.hashes;
  return Array.isArray(hashes) ? hashes.filter((hash): hash is string => typeof hash === 'string') : [];
}

/** Replaces the user's recovery codes for `forKind` with `codes`. */
export async function storeRecoveryCodes(devices: DeviceService, realm: string, userId: string, forKind: RecoverableKind, codes: readonly string[]): Promise<void> {
  for (const old of await devices.list(realm, userId, 'recovery')) {
    if (old.data.forKind === forKind) await devices.remove(realm, userId, 'recovery', old.id);
  }
  await devices.add(realm, userId, 'recovery', { deviceName: `Recovery codes (${forKind})`, data: { forKind, remaining: codes.length }, secret: { hashes: codes.map(hashOf) } });
}

/** True when `code` is one of the user's unused codes for `forKind`, which it then uses up. */
export async function useRecoveryCode(devices: DeviceService, realm: string, userId: string, forKind: RecoverableKind, code: string): Promise<boolean> {
  if (code.trim().length !== CODE_LENGTH) return false;
  const wanted = Buffer.from(hashOf(code));
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const device = (await devices.list(realm, userId, 'recovery')).find((candidate) => candidate.data.forKind === forKind);
    if (device === undefined) return false;
    const hashes = hashesOf(device.secret);
    const index = hashes.findIndex((hash) => hash.length === wanted.length && timingSafeEqual(Buffer.from(hash), wanted));
    if (index < 0) return false;
    const left = hashes.filter((_, position) => position !== index);
    const saved = await devices.save(realm, userId, { ...device, data: { ...device.data, remaining: left.length }, secret: { hashes: left } });
    if (saved !== undefined) return true;
  }
  return false;
}
