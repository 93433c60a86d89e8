/**
 * For the device node tests: the node test services with the device service registered under
 * `MFA_DEVICES` (memory store, a fresh master key, the test clock) and a user `ann` (`u1`).
 */
import { randomBytes } from 'node:crypto';
import type { DeviceService } from '../../../../devices/device-service.ts';
import { createDeviceService } from '../../../../devices/device-service.ts';
import { nodeTestServices } from '../../../../platform/testing/node-test-services.ts';
import type { NodeTestServices, SeedUser } from '../../../../platform/testing/node-test-services.ts';
import { createSecretSealer } from '../../../../secrets/secret-sealer.ts';
import { createMemoryDeviceRepository } from '../../../../store/memory/memory-device-repository.ts';
import { createCapabilityRegistry } from '../../../engine/capabilities.ts';
import type { NodeServices } from '../../../engine/node-context.ts';
import { MFA_DEVICES } from '../mfa-devices.ts';

/** The test services, the device service and what nodes receive. */
export interface DeviceNodeTest {
  t: NodeTestServices;
  devices: DeviceService;
  services: NodeServices;
}

export const ANN: SeedUser = { _id: 'u1', attributes: { userName: 'ann', givenName: 'Ann', accountStatus: 'active' } };

/** Sets up the services with `users` (ann by default). */
export async function deviceNodeTest(users: SeedUser[] = [ANN]): Promise<DeviceNodeTest> {
  const t = await nodeTestServices({ users });
  const devices = createDeviceService({ repository: createMemoryDeviceRepository(), sealer: createSecretSealer(randomBytes(32)), clock: t.clock });
  const registry = createCapabilityRegistry();
  registry.register(MFA_DEVICES, devices);
  return { t, devices, services: { ...t.services, capabilities: registry.seal() } };
}

/** A browser's metadata as the JavaScript SDK collects it (shortened). */
export function browserMetadata(overrides: { timezone?: number; deviceName?: string } = {}): Record<string, unknown> {
  return {
    hardware: { cpuClass: null, deviceMemory: 8, hardwareConcurrency: 8, maxTouchPoints: 0, oscpu: null, display: { width: 1920, height: 1080, pixelDepth: 24, angle: 0 } },
    browser: { userAgent: 'Mozilla/5.0 (X11; Linux x86_64)', appName: 'Netscape', appCodeName: 'Mozilla', appVersion: '5.0', appMinorVersion: null, buildID: null, product: 'Gecko', productSub: '20030107', vendor: 'Google Inc.', vendorSub: '', browserLanguage: null, plugins: 'PDF Viewer;' },
    platform: { language: 'en-US', platform: 'Linux x86_64', userLanguage: null, systemLanguage: null, deviceName: overrides.deviceName ?? 'Linux (Browser)', fonts: 'Arial;Courier;', timezone: overrides.timezone ?? -60 },
  };
}
