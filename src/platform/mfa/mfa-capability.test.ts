/** The MFA capability is installed by default, adds the MFA nodes and gives them the device service, whose secrets are sealed. */
import { WEBAUTHN_SERVER } from '../../journeys/nodes/mfa/webauthn/webauthn-server.ts';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createCacheInvalidation } from '../../cache/cache-invalidation.ts';
import { createCapabilityRegistry } from '../../journeys/engine/capabilities.ts';
import { MFA_DEVICES } from '../../journeys/nodes/mfa/mfa-devices.ts';
import { mfaNodes } from '../../journeys/nodes/mfa/mfa-nodes.ts';
import { createSecretSealer } from '../../secrets/secret-sealer.ts';
import { openMemoryStore } from '../../store/memory/open-memory-store.ts';
import { defaultCapabilities } from '../capabilities.ts';
import type { CapabilityContext } from '../platform-capability.ts';
import { createMfaCapability, mfaCapability } from './mfa-capability.ts';

describe('MFA capability', () => {
  it('is one of the default capabilities, with the MFA node list', () => {
    assert.ok(defaultCapabilities.includes(mfaCapability));
    assert.equal(mfaCapability.nodes, mfaNodes);
    assert.deepEqual(createMfaCapability({ nodes: [] }).nodes, []);
  });

  it('registers the device service over the store’s devices, sealing secrets with the platform’s sealer', async () => {
    const store = openMemoryStore();
    const registry = createCapabilityRegistry();
    const context = { store, settings: { publicUrl: 'https://id.example.com' }, clock: { now: () => 42 }, sealer: createSecretSealer(randomBytes(32)), registry, cacheInvalidation: createCacheInvalidation() } as unknown as CapabilityContext;
    const installed = await mfaCapability.install(context);
    assert.equal(typeof installed.routes, 'function');
    const sealed = registry.seal();
    assert.deepEqual(sealed.get(WEBAUTHN_SERVER), { publicUrl: 'https://id.example.com' }, 'WebAuthn’s default relying party');
    const devices = sealed.get(MFA_DEVICES);
    assert.ok(devices !== undefined);
    const added = await devices.add('alpha', 'u1', 'oath', { deviceName: 'Phone', data: {}, secret: { sharedSecret: 'plain-secret' } });
    const stored = await store.devices.get('alpha', 'u1', 'oath', added.id);
    assert.equal(stored?.createdDate, 42);
    assert.ok(stored?.sealedSecret !== undefined && !stored.sealedSecret.includes('plain-secret'));
    await store.close();
  });
});
