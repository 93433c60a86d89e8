/**
 * Test support for the WebAuthn node tests: the node test services with a device service and the
 * server facts (`https://login.example.com`) registered as the MFA capability registers them, a
 * user `omar`, and helpers that read what a node sent the way the ForgeRock SDK reads it.
 */
import { randomBytes } from 'node:crypto';
import { createDeviceService, type DeviceService } from '../../../../devices/device-service.ts';
import { createSecretSealer } from '../../../../secrets/secret-sealer.ts';
import { createMemoryDeviceRepository } from '../../../../store/memory/memory-device-repository.ts';
import { nodeTestServices, type NodeTestServices } from '../../../../platform/testing/node-test-services.ts';
import { createCapabilityRegistry } from '../../../engine/capabilities.ts';
import type { Callback } from '../../../engine/callbacks.ts';
import { outputValue } from '../../../engine/callbacks.ts';
import type { NodeServices } from '../../../engine/node-context.ts';
import { MFA_DEVICES } from '../mfa-devices.ts';
import { WEBAUTHN_SERVER } from './webauthn-server.ts';

export const ORIGIN = 'https://login.example.com';
export const RP_ID = 'login.example.com';
export const USER_ID = 'user-omar';

/** The services of a WebAuthn node test. */
export interface WebAuthnFixture {
  t: NodeTestServices;
  devices: DeviceService;
  services: NodeServices;
}

/** Services with a device service, the server facts and the user `omar` (`_id` `user-omar`). */
export async function webAuthnFixture(options: { server?: boolean } = {}): Promise<WebAuthnFixture> {
  const t = await nodeTestServices({ users: [{ _id: USER_ID, attributes: { userName: 'omar', givenName: 'Omar', sn: 'K', mail: 'omar@example.com' } }] });
  const devices = createDeviceService({ repository: createMemoryDeviceRepository(), sealer: createSecretSealer(randomBytes(32)), clock: t.clock });
  const registry = createCapabilityRegistry();
  registry.register(MFA_DEVICES, devices);
  if (options.server !== false) registry.register(WEBAUTHN_SERVER, { publicUrl: `${ORIGIN}/` });
  return { t, devices, services: { ...t.services, capabilities: registry.seal() } };
}

/** The ceremony metadata a node sent, read as the SDK reads it (MetadataCallback `data`, or the script's `scriptContext` line). */
export function sentMetadata(callbacks: Callback[]): Record<string, unknown> {
  const metadata = callbacks.find((callback) => callback.type === 'MetadataCallback');
  const data = outputValue(metadata, 'data');
  if (typeof data === 'object' && data !== null) return Object.fromEntries(Object.entries(data));
  const script = outputValue(callbacks.find((callback) => callback.type === 'TextOutputCallback'), 'message');
  const line = typeof script === 'string' ? /^var scriptContext = (.*);*$/m.exec(script)?.[1] : undefined;
  if (line === undefined) throw new Error('no WebAuthn metadata was sent');
  return JSON.parse(line);
}

/** The challenge a node sent (standard base64, as the SDK reads it). */
export function sentChallenge(callbacks: Callback[]): string {
  const challenge = sentMetadata(callbacks).challenge;
  if (typeof challenge !== 'string') throw new Error('no challenge was sent');
  return challenge;
}
