import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../../../engine/actions.ts';
import { runNode, sentCallbacks, submit } from '../../../engine/node-testing.ts';
import { ANN, mfaTestKit, registrationUri, secretOf } from './mfa-node-testing.ts';
import { oathDeviceStorageNode } from './oath-device-storage-node.ts';
import { oathRegistrationNode } from './oath-registration-node.ts';

const shared = { username: 'ann' };

async function postponed(generateRecoveryCodes: boolean) {
  const kit = await mfaTestKit();
  const config = { postponeDeviceProfileStorage: true, generateRecoveryCodes };
  const first = await runNode(oathRegistrationNode, { services: kit.services, shared, config });
  const next = await runNode(oathRegistrationNode, { services: kit.services, config, ...first.state, callbacks: submit(sentCallbacks(first.action), [undefined, undefined, undefined, 0]) });
  return { kit, state: next.state, secret: secretOf(registrationUri(first.action)) };
}

describe('OathDeviceStorageNode', () => {
  it('stores the pending app with recovery codes when the registration asked, then forgets the pending secret', async () => {
    const { kit, state, secret } = await postponed(true);
    const { action, state: after } = await runNode(oathDeviceStorageNode, { services: kit.services, ...state });
    assert.deepEqual(action, goTo('successOutcome'));
    const [app] = await kit.devices.list('alpha', ANN._id, 'oath');
    assert.equal(app?.secret.sharedSecret, secret.toString('hex').toUpperCase());
    assert.equal((after.transient.recoveryCodes as unknown[]).length, 10);
    assert.equal(after.transient.oathDeviceProfile, undefined);
    assert.equal(after.transient.oathEnableRecoveryCode, undefined);
  });

  it('stores no codes when the registration did not ask for them', async () => {
    const { kit, state } = await postponed(false);
    const { action, state: after } = await runNode(oathDeviceStorageNode, { services: kit.services, ...state });
    assert.deepEqual(action, goTo('successOutcome'));
    assert.equal(after.transient.recoveryCodes, undefined);
    assert.deepEqual(await kit.devices.list('alpha', ANN._id, 'recovery'), []);
  });

  it('failureOutcome without a pending device (or a forged one)', async () => {
    const kit = await mfaTestKit();
    assert.deepEqual((await runNode(oathDeviceStorageNode, { services: kit.services, shared })).action, goTo('failureOutcome'));
    const forged = await runNode(oathDeviceStorageNode, { services: kit.services, shared, transient: { oathDeviceProfile: { sharedSecret: 'not hex', data: {} } } });
    assert.deepEqual(forged.action, goTo('failureOutcome'));
    assert.deepEqual(await kit.devices.list('alpha', ANN._id, 'oath'), []);
  });
});
