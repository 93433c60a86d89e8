import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fail, goTo } from '../../../engine/actions.ts';
import { runNode } from '../../../engine/node-testing.ts';
import { deviceLocationMatchNode } from './device-location-match-node.ts';
import { DEVICE_PROFILE } from './device-profile-state.ts';
import { deviceNodeTest } from './device-node-test-setup.ts';

const BRUSSELS = { latitude: 50.8503, longitude: 4.3517 };
const ANTWERP = { latitude: 51.2194, longitude: 4.4025 };

async function savedInBrussels() {
  const setup = await deviceNodeTest();
  await setup.devices.add('alpha', 'u1', 'profile', { deviceName: 'Phone', data: { identifier: 'dev-1', location: BRUSSELS, lastSelectedDate: 1 } });
  return setup;
}

const at = (location: unknown, identifier = 'dev-1') => ({ _id: 'u1', [DEVICE_PROFILE]: { identifier, location } });

describe('DeviceLocationMatchNode', () => {
  it('leaves by true near the saved location, and records that the profile was selected', async () => {
    const { services, devices, t } = await savedInBrussels();
    assert.deepEqual((await runNode(deviceLocationMatchNode, { services, shared: at({ latitude: 50.86, longitude: 4.36 }) })).action, goTo('true'));
    assert.equal((await devices.list('alpha', 'u1', 'profile'))[0]?.data['lastSelectedDate'], t.clock.now());
  });

  it('leaves by false farther than distance km, by true once distance allows it', async () => {
    const { services } = await savedInBrussels();
    assert.deepEqual((await runNode(deviceLocationMatchNode, { services, shared: at(ANTWERP) })).action, goTo('false'));
    assert.deepEqual((await runNode(deviceLocationMatchNode, { services, shared: at(ANTWERP), config: { distance: '50' } })).action, goTo('true'));
  });

  it('leaves by unknownDevice for an unsaved device, or one whose coordinates were not collected', async () => {
    const { services } = await savedInBrussels();
    assert.deepEqual((await runNode(deviceLocationMatchNode, { services, shared: at(BRUSSELS, 'dev-2') })).action, goTo('unknownDevice'));
    assert.deepEqual((await runNode(deviceLocationMatchNode, { services, shared: at({}) })).action, goTo('unknownDevice'));
    assert.deepEqual((await runNode(deviceLocationMatchNode, { services, shared: { _id: 'u1' } })).action, goTo('unknownDevice'));
  });

  it('ends the journey without a user', async () => {
    const { services } = await savedInBrussels();
    assert.deepEqual((await runNode(deviceLocationMatchNode, { services, shared: { [DEVICE_PROFILE]: { identifier: 'dev-1', location: BRUSSELS } } })).action, fail());
  });
});
