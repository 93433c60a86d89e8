import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fail, goTo } from '../../../engine/actions.ts';
import { runNode } from '../../../engine/node-testing.ts';
import { DEVICE_PROFILE } from './device-profile-state.ts';
import { deviceSaveNode } from './device-save-node.ts';
import { browserMetadata, deviceNodeTest } from './device-node-test-setup.ts';

const HOME = { latitude: 50.85, longitude: 4.35 };

function collected(identifier: string, extra: Record<string, unknown> = {}) {
  return { _id: 'u1', [DEVICE_PROFILE]: { identifier, metadata: browserMetadata(), location: HOME, ...extra } };
}

describe('DeviceSaveNode', () => {
  it("saves a new profile device with the metadata, the location, now, and the metadata's device name as alias", async () => {
    const { services, devices, t } = await deviceNodeTest();
    const { action } = await runNode(deviceSaveNode, { services, shared: collected('dev-1') });
    assert.deepEqual(action, goTo('outcome'));
    const [device, ...others] = await devices.list('alpha', 'u1', 'profile');
    assert.deepEqual(others, []);
    assert.equal(device?.deviceName, 'Linux (Browser)');
    assert.deepEqual(device?.data, { identifier: 'dev-1', metadata: browserMetadata(), location: HOME, lastSelectedDate: t.clock.now(), alias: 'Linux (Browser)' });
    assert.deepEqual(device?.secret, {});
  });

  it('updates the profile with the same identifier instead of adding one, keeping its alias', async () => {
    const { services, devices, t } = await deviceNodeTest();
    await runNode(deviceSaveNode, { services, shared: collected('dev-1') });
    const [first] = await devices.list('alpha', 'u1', 'profile');
    assert.ok(first);
    await devices.rename('alpha', 'u1', 'profile', first.id, 'Work laptop');
    await devices.save('alpha', 'u1', { ...(await devices.list('alpha', 'u1', 'profile'))[0]!, data: { ...first.data, alias: 'Work laptop' } });
    t.clock.advance(60_000);
    const moved = { latitude: 51.2, longitude: 4.4 };
    await runNode(deviceSaveNode, { services, shared: collected('dev-1', { location: moved }) });
    const [device, ...others] = await devices.list('alpha', 'u1', 'profile');
    assert.deepEqual(others, []);
    assert.equal(device?.id, first.id);
    assert.equal(device?.deviceName, 'Work laptop');
    assert.deepEqual(device?.data['location'], moved);
    assert.equal(device?.data['lastSelectedDate'], t.clock.now());
  });

  it('names the device from the shared-state variable named by variableName', async () => {
    const { services, devices } = await deviceNodeTest();
    await runNode(deviceSaveNode, { services, config: { variableName: 'myDevice' }, shared: { ...collected('dev-1'), myDevice: 'Phone of Ann' } });
    const [device] = await devices.list('alpha', 'u1', 'profile');
    assert.equal(device?.deviceName, 'Phone of Ann');
    assert.equal(device?.data['alias'], 'Phone of Ann');
  });

  it('leaves out the metadata and location when saveDeviceMetadata and saveDeviceLocation are off', async () => {
    const { services, devices } = await deviceNodeTest();
    await runNode(deviceSaveNode, { services, config: { saveDeviceMetadata: false, saveDeviceLocation: false }, shared: collected('dev-1') });
    const [device] = await devices.list('alpha', 'u1', 'profile');
    assert.equal(device?.data['metadata'], undefined);
    assert.equal(device?.data['location'], undefined);
    assert.equal(device?.deviceName, 'Unknown device');
  });

  it('removes the least recently selected profiles beyond maxSavedProfiles', async () => {
    const { services, devices, t } = await deviceNodeTest();
    for (const id of ['dev-1', 'dev-2', 'dev-3']) {
      await runNode(deviceSaveNode, { services, config: { maxSavedProfiles: 2 }, shared: collected(id) });
      t.clock.advance(1000);
    }
    const kept = (await devices.list('alpha', 'u1', 'profile')).map((device) => device.data['identifier']);
    assert.deepEqual(kept.sort(), ['dev-2', 'dev-3']);
  });

  it('ends the journey without a collected identifier or without a user', async () => {
    const { services, devices } = await deviceNodeTest();
    assert.deepEqual((await runNode(deviceSaveNode, { services, shared: { _id: 'u1' } })).action, fail());
    assert.deepEqual((await runNode(deviceSaveNode, { services, shared: { [DEVICE_PROFILE]: { identifier: 'dev-1' } } })).action, fail());
    assert.deepEqual((await runNode(deviceSaveNode, { services, shared: { ...collected('dev-1'), _id: 'nobody' } })).action, fail());
    assert.deepEqual(await devices.list('alpha', 'u1', 'profile'), []);
  });
});
