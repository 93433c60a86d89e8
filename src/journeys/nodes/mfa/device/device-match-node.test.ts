import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fail, goTo } from '../../../engine/actions.ts';
import { runNode } from '../../../engine/node-testing.ts';
import { deviceMatchNode } from './device-match-node.ts';
import { DEVICE_PROFILE } from './device-profile-state.ts';
import { browserMetadata, deviceNodeTest } from './device-node-test-setup.ts';

const DAY = 24 * 60 * 60 * 1000;

async function withSavedProfile() {
  const setup = await deviceNodeTest();
  const saved = await setup.devices.add('alpha', 'u1', 'profile', {
    deviceName: 'Linux (Browser)',
    data: { identifier: 'dev-1', metadata: browserMetadata(), alias: 'Linux (Browser)', lastSelectedDate: setup.t.clock.now() - DAY },
  });
  return { ...setup, saved };
}

function collected(identifier: string, metadata: Record<string, unknown>) {
  return { _id: 'u1', [DEVICE_PROFILE]: { identifier, metadata } };
}

describe('DeviceMatchNode', () => {
  it('leaves by true for the saved device with the same metadata, and records that it was selected', async () => {
    const { services, devices, t } = await withSavedProfile();
    const { action } = await runNode(deviceMatchNode, { services, shared: collected('dev-1', browserMetadata()) });
    assert.deepEqual(action, goTo('true'));
    const [profile] = await devices.list('alpha', 'u1', 'profile');
    assert.equal(profile?.data['lastSelectedDate'], t.clock.now());
  });

  it('leaves by false when the metadata differs in more places than acceptableVariance allows', async () => {
    const { services } = await withSavedProfile();
    const shared = collected('dev-1', browserMetadata({ timezone: 120, deviceName: 'Elsewhere' }));
    assert.deepEqual((await runNode(deviceMatchNode, { services, shared })).action, goTo('false'));
    assert.deepEqual((await runNode(deviceMatchNode, { services, shared, config: { acceptableVariance: 1 } })).action, goTo('false'));
    assert.deepEqual((await runNode(deviceMatchNode, { services, shared, config: { acceptableVariance: 2 } })).action, goTo('true'));
  });

  it('leaves by false when the saved profile was last selected more than expiration days ago', async () => {
    const { services, t } = await withSavedProfile();
    t.clock.advance(30 * DAY);
    const { action } = await runNode(deviceMatchNode, { services, shared: collected('dev-1', browserMetadata()), config: { expiration: 30 } });
    assert.deepEqual(action, goTo('false'));
  });

  it('leaves by unknownDevice for a device the user never saved', async () => {
    const { services } = await withSavedProfile();
    assert.deepEqual((await runNode(deviceMatchNode, { services, shared: collected('dev-2', browserMetadata()) })).action, goTo('unknownDevice'));
  });

  it('finds the user by userName as well as by _id', async () => {
    const { services } = await withSavedProfile();
    const shared = { username: 'ann', [DEVICE_PROFILE]: { identifier: 'dev-1', metadata: browserMetadata() } };
    assert.deepEqual((await runNode(deviceMatchNode, { services, shared })).action, goTo('true'));
  });

  it('ends the journey without collected metadata, without a user, or when asked to run a script', async () => {
    const { services } = await withSavedProfile();
    assert.deepEqual((await runNode(deviceMatchNode, { services, shared: { _id: 'u1', [DEVICE_PROFILE]: { identifier: 'dev-1' } } })).action, fail());
    assert.deepEqual((await runNode(deviceMatchNode, { services, shared: { [DEVICE_PROFILE]: { identifier: 'dev-1', metadata: browserMetadata() } } })).action, fail());
    assert.deepEqual((await runNode(deviceMatchNode, { services, shared: collected('dev-1', browserMetadata()), config: { useScript: true, script: 'x' } })).action, fail());
  });
});
