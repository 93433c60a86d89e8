import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fail, goTo } from '../../../engine/actions.ts';
import { outputValue } from '../../../engine/callbacks.ts';
import { runNode, sentCallbacks, submit } from '../../../engine/node-testing.ts';
import { ANN, mfaTestKit, registrationUri, secretOf } from './mfa-node-testing.ts';
import { MFA_DEVICE_REGISTRATION_ID, oathRegistrationNode, SCAN_QR_CODE_MESSAGE } from './oath-registration-node.ts';

const shared = { username: 'ann' };

describe('OathRegistrationNode', () => {
  it("sends AM's callbacks: scan message, QR script (type 4), hidden mfaDeviceRegistration URI, Next", async () => {
    const kit = await mfaTestKit();
    const { action, state } = await runNode(oathRegistrationNode, { services: kit.services, shared });
    const callbacks = sentCallbacks(action);
    assert.deepEqual(callbacks.map((callback) => callback.type), ['TextOutputCallback', 'TextOutputCallback', 'HiddenValueCallback', 'ConfirmationCallback']);
    assert.deepEqual(callbacks[0]?.output, [{ name: 'message', value: SCAN_QR_CODE_MESSAGE }, { name: 'messageType', value: '0' }]);
    assert.equal(outputValue(callbacks[1], 'messageType'), '4');
    const uri = registrationUri(action);
    assert.match(String(outputValue(callbacks[1], 'message')), /QRCodeReader\.createCode/);
    assert.equal(outputValue(callbacks[2], 'id'), MFA_DEVICE_REGISTRATION_ID);
    assert.match(uri, /^otpauth:\/\/totp\/ForgeRock:ann\?secret=[A-Z2-7]{26}&period=30&digits=6&b=032b75&image=$/);
    assert.equal(secretOf(uri).length, 16, 'minSharedSecretLength 32 hex characters');
    assert.deepEqual(outputValue(callbacks[3], 'options'), ['Next']);
    assert.deepEqual(state.shared, shared, 'nothing of the device in shared state');
    assert.equal(JSON.stringify(state.shared).includes(secretOf(uri).toString('hex').toUpperCase()), false);
  });

  it('on Next stores the app (secret sealed, not in data) with ten recovery codes in transient state, and forgets the pending device', async () => {
    const kit = await mfaTestKit();
    const first = await runNode(oathRegistrationNode, { services: kit.services, shared });
    const secret = secretOf(registrationUri(first.action));
    const next = await runNode(oathRegistrationNode, { services: kit.services, ...first.state, callbacks: submit(sentCallbacks(first.action), [undefined, undefined, undefined, 0]) });
    assert.deepEqual(next.action, goTo('successOutcome'));
    const [app, ...others] = await kit.devices.list('alpha', ANN._id, 'oath');
    assert.deepEqual(others, []);
    assert.equal(app?.secret.sharedSecret, secret.toString('hex').toUpperCase());
    assert.equal(app?.deviceName, 'OATH Device');
    assert.equal(JSON.stringify(app?.data).includes(secret.toString('hex').toUpperCase()), false);
    const codes = next.state.transient.recoveryCodes;
    assert.ok(Array.isArray(codes) && codes.length === 10);
    assert.equal(next.state.transient.recoveryCodeDeviceName, 'OATH Device');
    assert.equal(next.state.transient.oathDeviceProfile, undefined);
    assert.equal((await kit.devices.list('alpha', ANN._id, 'recovery'))[0]?.data.forKind, 'oath');
  });

  it('without generateRecoveryCodes stores no codes; with postponeDeviceProfileStorage stores nothing and keeps the device pending', async () => {
    const kit = await mfaTestKit();
    const noCodes = await runNode(oathRegistrationNode, { services: kit.services, shared, config: { generateRecoveryCodes: false } });
    const stored = await runNode(oathRegistrationNode, { services: kit.services, config: { generateRecoveryCodes: false }, ...noCodes.state, callbacks: submit(sentCallbacks(noCodes.action), [undefined, undefined, undefined, 0]) });
    assert.deepEqual(stored.action, goTo('successOutcome'));
    assert.equal(stored.state.transient.recoveryCodes, undefined);
    assert.deepEqual(await kit.devices.list('alpha', ANN._id, 'recovery'), []);

    const later = await mfaTestKit();
    const first = await runNode(oathRegistrationNode, { services: later.services, shared, config: { postponeDeviceProfileStorage: true } });
    const next = await runNode(oathRegistrationNode, { services: later.services, config: { postponeDeviceProfileStorage: true }, ...first.state, callbacks: submit(sentCallbacks(first.action), [undefined, undefined, undefined, 0]) });
    assert.deepEqual(next.action, goTo('successOutcome'));
    assert.deepEqual(await later.devices.list('alpha', ANN._id, 'oath'), []);
    assert.equal(typeof next.state.transient.oathDeviceProfile, 'object');
    assert.equal(next.state.transient.oathEnableRecoveryCode, true);
  });

  it('writes HOTP URIs, 8 digits, SHA-256, the chosen account attribute and escaped issuer as configured', async () => {
    const kit = await mfaTestKit();
    const hotp = await runNode(oathRegistrationNode, { services: kit.services, shared, config: { algorithm: 'HOTP', passwordLength: 'EIGHT_DIGITS', issuer: 'Acme Bank', accountName: 'EMAIL_ADDRESS' } });
    assert.match(registrationUri(hotp.action), /^otpauth:\/\/hotp\/Acme%20Bank:ann@example\.com\?secret=[A-Z2-7]+&counter=0&digits=8&b=032b75&image=$/);
    const sha = await runNode(oathRegistrationNode, { services: kit.services, shared, config: { totpHashAlgorithm: 'HMAC_SHA256', accountName: 'LAST_NAME', minSharedSecretLength: 40 } });
    const uri = registrationUri(sha.action);
    assert.match(uri, /^otpauth:\/\/totp\/ForgeRock:ann\?.*&algorithm=SHA256$/, 'no sn: the user name');
    assert.equal(secretOf(uri).length, 20);
  });

  it('fails the Next without a pending device, and the journey without a known user', async () => {
    const kit = await mfaTestKit();
    const first = await runNode(oathRegistrationNode, { services: kit.services, shared });
    const lost = await runNode(oathRegistrationNode, { services: kit.services, shared, callbacks: submit(sentCallbacks(first.action), [undefined, undefined, undefined, 0]) });
    assert.deepEqual(lost.action, goTo('failureOutcome'));
    assert.deepEqual((await runNode(oathRegistrationNode, { services: kit.services, shared: { username: 'nobody' } })).action, fail());
  });
});
