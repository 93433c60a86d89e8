/**
 * A device profile the way the ForgeRock SDK sends it: the collector's step read with the SDK's
 * own `DeviceProfileCallback` (what it asks for and the message), the profile set with
 * `setProfile` as FRDevice's output is, then saved by Device Profile Save and recognised by
 * Device Match on the next sign-in (and a changed device is not).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CallbackType, type DeviceProfileCallback, FRStep } from '@forgerock/javascript-sdk';
import { goTo } from '../../../engine/actions.ts';
import type { JourneyStateData } from '../../../engine/node-context.ts';
import { runNode, sentCallbacks, submit } from '../../../engine/node-testing.ts';
import { renderCallbacks } from '../../../engine/submission.ts';
import { deviceMatchNode } from './device-match-node.ts';
import { browserMetadata, deviceNodeTest } from './device-node-test-setup.ts';
import { deviceProfileCollectorNode } from './device-profile-collector-node.ts';
import { deviceSaveNode } from './device-save-node.ts';

const CONFIG = { deviceMetadata: true, deviceLocation: true, message: { en: 'Checking your device' } };

/** Runs the collector with the SDK answering: the state after it. */
async function collectWithSdk(services: Awaited<ReturnType<typeof deviceNodeTest>>['services'], profile: { identifier: string; metadata: Record<string, unknown>; location: Record<string, unknown> }): Promise<JourneyStateData> {
  const first = await runNode(deviceProfileCollectorNode, { services, config: CONFIG, shared: { _id: 'u1' } });
  const step = new FRStep({ authId: 'a', callbacks: renderCallbacks(sentCallbacks(first.action)) });
  const callback = step.getCallbackOfType<DeviceProfileCallback>(CallbackType.DeviceProfileCallback);
  assert.equal(callback.isMetadataRequired(), true);
  assert.equal(callback.isLocationRequired(), true);
  assert.equal(callback.getMessage(), 'Checking your device');
  callback.setProfile(profile);
  const answer = callback.getInputValue();
  const collected = await runNode(deviceProfileCollectorNode, { services, config: CONFIG, shared: { _id: 'u1' }, callbacks: submit(sentCallbacks(first.action), [answer]) });
  assert.deepEqual(collected.action, goTo('outcome'));
  return collected.state;
}

describe('device profiles through the SDK’s DeviceProfileCallback', () => {
  it('collected with the SDK, saved, then matched on the next sign-in; another device does not match', async () => {
    const { services, devices } = await deviceNodeTest();
    const profile = { identifier: '3920315818-1829391728-2941239', metadata: browserMetadata(), location: { latitude: 50.85, longitude: 4.35 } };
    const first = await collectWithSdk(services, profile);
    const saved = await runNode(deviceSaveNode, { services, ...first });
    assert.deepEqual(saved.action, goTo('outcome'));
    const [stored, ...others] = await devices.list('alpha', 'u1', 'profile');
    assert.deepEqual(others, []);
    assert.equal(stored?.data.identifier, profile.identifier);

    const again = await collectWithSdk(services, profile);
    assert.deepEqual((await runNode(deviceMatchNode, { services, ...again })).action, goTo('true'));
    const elsewhere = await collectWithSdk(services, { ...profile, identifier: 'another-device' });
    assert.deepEqual((await runNode(deviceMatchNode, { services, ...elsewhere })).action, goTo('unknownDevice'));
  });
});
