import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RECOVERY_CODES_KEY } from '../../../../devices/recovery-codes.ts';
import { goTo } from '../../../engine/actions.ts';
import { runNode } from '../../../engine/node-testing.ts';
import { webAuthnDeviceStorageNode } from './webauthn-device-storage-node.ts';
import { USER_ID, webAuthnFixture } from './webauthn-node-fixture.ts';

const POSTPONED = { deviceName: 'Phone', data: { credentialId: 'AQIDBA', publicKey: 'pQECAyYgAQ', counter: 0, transports: [], aaguid: '', algorithm: -7 } };

describe('WebAuthnDeviceStorageNode', () => {
  it('success: stores the postponed device for the user, with recovery codes', async () => {
    const f = await webAuthnFixture();
    const { action, state } = await runNode(webAuthnDeviceStorageNode, { services: f.services, shared: { username: 'omar' }, transient: { webauthnDeviceData: POSTPONED } });
    assert.deepEqual(action, goTo('success'));
    const [device] = await f.devices.list('alpha', USER_ID, 'webauthn');
    assert.equal(device?.deviceName, 'Phone');
    assert.deepEqual(device?.data, POSTPONED.data);
    assert.equal((state.transient[RECOVERY_CODES_KEY] as string[]).length, 10);
    assert.equal(state.transient.webauthnDeviceData, undefined);
  });

  it('exceedDeviceLimit: the user already has maxSavedDevices devices', async () => {
    const f = await webAuthnFixture();
    await f.devices.add('alpha', USER_ID, 'webauthn', { deviceName: 'Old', data: { ...POSTPONED.data, credentialId: 'BQYHCA' } });
    const { action } = await runNode(webAuthnDeviceStorageNode, { services: f.services, config: { maxSavedDevices: 1 }, shared: { _id: USER_ID }, transient: { webauthnDeviceData: POSTPONED } });
    assert.deepEqual(action, goTo('exceedDeviceLimit'));
  });

  it('failure: no postponed device, a broken one, no user, or a credential the user already has', async () => {
    const f = await webAuthnFixture();
    assert.deepEqual((await runNode(webAuthnDeviceStorageNode, { services: f.services, shared: { username: 'omar' } })).action, goTo('failure'));
    assert.deepEqual((await runNode(webAuthnDeviceStorageNode, { services: f.services, shared: { username: 'omar' }, transient: { webauthnDeviceData: { data: { credentialId: 'x' } } } })).action, goTo('failure'));
    assert.deepEqual((await runNode(webAuthnDeviceStorageNode, { services: f.services, shared: { username: 'nobody' }, transient: { webauthnDeviceData: POSTPONED } })).action, goTo('failure'));
    await runNode(webAuthnDeviceStorageNode, { services: f.services, config: { generateRecoveryCodes: false }, shared: { username: 'omar' }, transient: { webauthnDeviceData: POSTPONED } });
    assert.deepEqual((await runNode(webAuthnDeviceStorageNode, { services: f.services, shared: { username: 'omar' }, transient: { webauthnDeviceData: POSTPONED } })).action, goTo('failure'));
    assert.equal((await f.devices.list('alpha', USER_ID, 'webauthn')).length, 1);
  });
});
