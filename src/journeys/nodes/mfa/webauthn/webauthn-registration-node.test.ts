import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FRWebAuthn, WebAuthnStepType } from '@forgerock/javascript-sdk';
import { RECOVERY_CODES_KEY, useRecoveryCode } from '../../../../devices/recovery-codes.ts';
import { jsonOutcome, newCredential, registrationOutcome } from '../../../../mfa/webauthn/testing/fake-authenticator.ts';
import { userHandleOf } from '../../../../mfa/webauthn/webauthn-credential.ts';
import { goTo } from '../../../engine/actions.ts';
import { outcomesOf, anyNode } from '../../../engine/define-node.ts';
import { parseNodeConfig } from '../../../engine/parse-node-config.ts';
import { runNode, sentCallbacks, submit } from '../../../engine/node-testing.ts';
import { ORIGIN, RP_ID, sentChallenge, sentMetadata, USER_ID, webAuthnFixture, type WebAuthnFixture } from './webauthn-node-fixture.ts';
import { webAuthnRegistrationNode } from './webauthn-registration-node.ts';

const METADATA = { asScript: false };

/** Runs the node once to get its callbacks, then answers with `answer(challenge)`. */
async function register(f: WebAuthnFixture, answer: (challenge: string) => string, config: Record<string, unknown> = METADATA, shared: Record<string, unknown> = { username: 'omar' }) {
  const first = await runNode(webAuthnRegistrationNode, { services: f.services, config, shared });
  const callbacks = sentCallbacks(first.action);
  return runNode(webAuthnRegistrationNode, { services: f.services, config, shared: first.state.shared, transient: first.state.transient, callbacks: submit(callbacks, [undefined, answer(sentChallenge(callbacks))]) });
}

describe('WebAuthnRegistrationNode', () => {
  it("has AM's outcomes; exceedDeviceLimit only with a device limit and no postponed storage", () => {
    const outcomes = (config: Record<string, unknown>) => {
      const parsed = parseNodeConfig(anyNode(webAuthnRegistrationNode), config);
      assert.ok(parsed.ok);
      return outcomesOf(anyNode(webAuthnRegistrationNode), parsed.config);
    };
    assert.deepEqual(outcomes({}), ['unsupported', 'success', 'failure', 'error']);
    assert.deepEqual(outcomes({ maxSavedDevices: 2 }), ['unsupported', 'success', 'failure', 'error', 'exceedDeviceLimit']);
    assert.deepEqual(outcomes({ maxSavedDevices: 2, postponeDeviceProfileStorage: true }), ['unsupported', 'success', 'failure', 'error']);
  });

  it('sends what FRWebAuthn recognises as a registration step: MetadataCallback and the hidden webAuthnOutcome', async () => {
    const f = await webAuthnFixture();
    const { action } = await runNode(webAuthnRegistrationNode, { services: f.services, config: { ...METADATA, requiresResidentKey: true }, shared: { username: 'omar' } });
    const callbacks = sentCallbacks(action);
    assert.deepEqual(callbacks.map((callback) => callback.type), ['MetadataCallback', 'HiddenValueCallback']);
    assert.deepEqual(callbacks[1]?.output, [{ name: 'value', value: 'false' }, { name: 'id', value: 'webAuthnOutcome' }]);
    const data = sentMetadata(callbacks);
    assert.equal(data._type, 'WebAuthn');
    assert.equal(data.supportsJsonResponse, true);
    assert.equal(data._relyingPartyId, RP_ID);
    assert.equal(data.userId, userHandleOf(USER_ID));
    assert.equal(data.userName, 'omar');
    assert.equal(data.relyingPartyName, 'ForgeRock');
    assert.equal(data.timeout, '60000');
    assert.deepEqual(data._authenticatorSelection, { userVerification: 'preferred', residentKey: 'required', requireResidentKey: true });
    const step = { getCallbacksOfType: (type: string) => (type === 'MetadataCallback' ? [{ getOutputByName: () => data, getOutputValue: () => data }] : type === 'HiddenValueCallback' ? [{ getOutputByName: () => 'webAuthnOutcome' }] : []) };
    assert.equal(FRWebAuthn.getWebAuthnStepType(step as never), WebAuthnStepType.Registration);
  });

  it('with asScript (the default) sends AM-style script whose scriptContext the SDK reads, inert in a page', async () => {
    const f = await webAuthnFixture();
    const shared = { username: 'omar', shownName: 'Omar</script><script>alert(1)</script>' };
    const { action } = await runNode(webAuthnRegistrationNode, { services: f.services, config: { displayNameSharedState: 'shownName' }, shared });
    const callbacks = sentCallbacks(action);
    assert.deepEqual(callbacks.map((callback) => callback.type), ['TextOutputCallback', 'HiddenValueCallback']);
    assert.equal(callbacks[0]?.output[1]?.value, '4');
    assert.doesNotMatch(String(callbacks[0]?.output[0]?.value), /<\/script>/, 'the script carries no markup');
    const options = FRWebAuthn.createRegistrationPublicKey(sentMetadata(callbacks) as never);
    assert.deepEqual(options.rp, { name: 'ForgeRock', id: RP_ID });
    assert.equal(options.user.displayName, shared.shownName);
  });

  it('success: verifies the attestation, stores the credential as a webauthn device, makes recovery codes', async () => {
    const f = await webAuthnFixture();
    const credential = newCredential(userHandleOf(USER_ID));
    const { action, state } = await register(f, (challenge) => jsonOutcome(registrationOutcome(credential, { origin: ORIGIN, rpId: RP_ID, challenge }, 'Laptop key')));
    assert.deepEqual(action, goTo('success'));
    const [device] = await f.devices.list('alpha', USER_ID, 'webauthn');
    assert.equal(device?.deviceName, 'Laptop key');
    assert.deepEqual(device?.data, { credentialId: credential.id, publicKey: credential.cosePublicKey.toString('base64url'), counter: 0, transports: [], aaguid: '00000000-0000-0000-0000-000000000000', algorithm: -7 });
    assert.deepEqual(device?.secret, {}, 'a public key is no secret');
    const codes = state.transient[RECOVERY_CODES_KEY];
    assert.ok(Array.isArray(codes) && codes.length === 10);
    assert.equal(await useRecoveryCode(f.devices, 'alpha', USER_ID, 'webauthn', String(codes[0])), true);
    assert.equal(state.transient['web-authn-challenge'], undefined, 'the challenge is used once');
    assert.deepEqual(state.transient.webauthnAttestationInfo, { flags: { UP: true, UV: true, AT: true, ED: false, BE: false, BS: false }, authenticatorAttachment: 'platform' });
  });

  it('success with postponed storage leaves the device in transient state, stores nothing', async () => {
    const f = await webAuthnFixture();
    const credential = newCredential(userHandleOf(USER_ID));
    const { action, state } = await register(f, (challenge) => registrationOutcome(credential, { origin: ORIGIN, rpId: RP_ID, challenge }), { ...METADATA, postponeDeviceProfileStorage: true });
    assert.deepEqual(action, goTo('success'));
    assert.deepEqual(await f.devices.list('alpha', USER_ID, 'webauthn'), []);
    assert.equal((state.transient.webauthnDeviceData as { deviceName: string }).deviceName, 'New Security Key');
    assert.equal(state.transient[RECOVERY_CODES_KEY], undefined);
  });

  it('failure: an attestation for another origin, a replayed challenge, or no known user', async () => {
    const f = await webAuthnFixture();
    const credential = newCredential(userHandleOf(USER_ID));
    const other = await register(f, (challenge) => registrationOutcome(credential, { origin: 'https://evil.example.net', rpId: RP_ID, challenge }));
    assert.deepEqual(other.action, goTo('failure'));
    const stale = await register(f, () => registrationOutcome(credential, { origin: ORIGIN, rpId: RP_ID, challenge: Buffer.alloc(32).toString('base64') }));
    assert.deepEqual(stale.action, goTo('failure'));
    const nobody = await runNode(webAuthnRegistrationNode, { services: f.services, config: METADATA, shared: { username: 'nobody' } });
    assert.deepEqual(nobody.action, goTo('failure'));
    assert.deepEqual(await f.devices.list('alpha', USER_ID, 'webauthn'), []);
  });

  it('unsupported and error: what the SDK sends when the browser has no WebAuthn or refuses', async () => {
    const f = await webAuthnFixture();
    assert.deepEqual((await register(f, () => 'unsupported')).action, goTo('unsupported'));
    const refused = await register(f, () => 'ERROR::NotAllowedError:The operation either timed out or was not allowed.');
    assert.deepEqual(refused.action, goTo('error'));
    assert.equal(refused.state.shared.WebAuthenticationDOMException, 'NotAllowedError:The operation either timed out or was not allowed.');
  });

  it('exceedDeviceLimit: the user already has maxSavedDevices devices', async () => {
    const f = await webAuthnFixture();
    const credential = newCredential(userHandleOf(USER_ID));
    await register(f, (challenge) => registrationOutcome(credential, { origin: ORIGIN, rpId: RP_ID, challenge }));
    const { action } = await runNode(webAuthnRegistrationNode, { services: f.services, config: { ...METADATA, maxSavedDevices: 1 }, shared: { username: 'omar' } });
    assert.deepEqual(action, goTo('exceedDeviceLimit'));
  });

  it('refuses registering the same credential twice', async () => {
    const f = await webAuthnFixture();
    const credential = newCredential(userHandleOf(USER_ID));
    assert.deepEqual((await register(f, (challenge) => registrationOutcome(credential, { origin: ORIGIN, rpId: RP_ID, challenge }))).action, goTo('success'));
    assert.deepEqual((await register(f, (challenge) => registrationOutcome(credential, { origin: ORIGIN, rpId: RP_ID, challenge }))).action, goTo('failure'));
    assert.equal((await f.devices.list('alpha', USER_ID, 'webauthn')).length, 1);
  });

  it("takes the node's relyingPartyDomain and origins over the public URL's", async () => {
    const f = await webAuthnFixture({ server: false });
    const config = { ...METADATA, relyingPartyDomain: 'example.com', origins: ['https://app.example.com'] };
    const credential = newCredential(userHandleOf(USER_ID));
    const { action } = await register(f, (challenge) => registrationOutcome(credential, { origin: 'https://app.example.com', rpId: 'example.com', challenge }), config);
    assert.deepEqual(action, goTo('success'));
  });
});
