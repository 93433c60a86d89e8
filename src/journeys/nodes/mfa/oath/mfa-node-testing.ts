/**
 * Test kit of the OATH and recovery code nodes: node test services with a device service on a
 * memory repository under `MFA_DEVICES`, a user `ann`, and the helpers that read the secret back
 * from the registration URI and compute codes from it, as the user's app would.
 */
import { randomBytes } from 'node:crypto';
import { createDeviceService } from '../../../../devices/device-service.ts';
import type { DeviceService } from '../../../../devices/device-service.ts';
import { decodeBase32 } from '../../../../mfa/oath/base32.ts';
import { hotp } from '../../../../mfa/oath/hotp.ts';
import { nodeTestServices } from '../../../../platform/testing/node-test-services.ts';
import type { NodeTestServices } from '../../../../platform/testing/node-test-services.ts';
import { createSecretSealer } from '../../../../secrets/secret-sealer.ts';
import { createMemoryDeviceRepository } from '../../../../store/memory/memory-device-repository.ts';
import type { NodeAction } from '../../../engine/actions.ts';
import { createCapabilityRegistry } from '../../../engine/capabilities.ts';
import { outputValue } from '../../../engine/callbacks.ts';
import type { NodeServices } from '../../../engine/node-context.ts';
import { sentCallbacks } from '../../../engine/node-testing.ts';
import { MFA_DEVICES } from '../mfa-devices.ts';

export const ANN = { _id: 'u-ann', attributes: { userName: 'ann', mail: 'ann@example.com', givenName: 'Ann' } };
export const NOW = Date.UTC(2025, 0, 1, 12, 0, 10);

/** Node test services with devices. */
export interface MfaTestKit {
  t: NodeTestServices;
  devices: DeviceService;
  services: NodeServices;
}

/** The kit, clock at `NOW`. */
export async function mfaTestKit(): Promise<MfaTestKit> {
  const t = await nodeTestServices({ users: [ANN], now: NOW });
  const devices = createDeviceService({ repository: createMemoryDeviceRepository(), sealer: createSecretSealer(randomBytes(32)), clock: t.clock });
  const registry = createCapabilityRegistry();
  registry.register(MFA_DEVICES, devices);
  return { t, devices, services: { ...t.services, capabilities: registry.seal() } };
}

/** The `otpauth://` URI of a registration step. */
export function registrationUri(action: NodeAction): string {
  const hidden = sentCallbacks(action).find((callback) => callback.type === 'HiddenValueCallback');
  return String(outputValue(hidden, 'value'));
}

/** The secret an app reads from the URI. */
export function secretOf(uri: string): Buffer {
  return decodeBase32(new URL(uri).searchParams.get('secret') ?? '');
}

/** The 6-digit code of time step `step` (HMAC-SHA1), or of HOTP counter `step`. */
export function codeAt(secret: Buffer, step: number, digits = 6): string {
  return hotp({ secret, counter: step, digits });
}

/** The TOTP step of `timeMs` for 30-second periods. */
export function stepAt(timeMs: number): number {
  return Math.floor(timeMs / 30_000);
}
