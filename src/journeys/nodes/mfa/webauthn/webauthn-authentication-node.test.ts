import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FRWebAuthn, WebAuthnStepType } from '@forgerock/javascript-sdk';
import { authenticationOutcome, type FakeCredential, jsonOutcome, newCredential } from '../../../../mfa/webauthn/testing/fake-authenticator.ts';
import { credentialData, userHandleOf } from '../../../../mfa/webauthn/webauthn-credential.ts';
import { goTo } from '../../../engine/actions.ts';
import { anyNode, outcomesOf } from '../../../engine/define-node.ts';
import { parseNodeConfig } from '../../../engine/parse-node-config.ts';
import { runNode, sentCallbacks, submit } from '../../../engine/node-testing.ts';
import { webAuthnAuthenticationNode } from './webauthn-authentication-node.ts';
import { ORIGIN, RP_ID, sentChallenge, sentMetadata, USER_ID, webAuthnFixture, type WebAuthnFixture } from './webauthn-node-fixture.ts';

const METADATA = { asScript: false };

/** Gives omar a stored credential (counter as the authenticator has it). */
async function enrol(f: WebAuthnFixture, counter = 1): Promise<FakeCredential> {
  const credential = newCredential(userHandleOf(USER_ID), counter);
  await f.devices.add('alpha', USER_ID, 'webauthn', {
    deviceName: 'Laptop key',
    data: credentialData({ credentialId: credential.id, publicKey: credential.cosePublicKey.toString('base64url'), counter, transports: ['internal'], aaguid: '', algorithm: -7 }),
  });
  return credential;
}

/** Runs the node to get its callbacks, then answers with `answer(challenge)`; `extra` are the other callbacks' values. */
async function signIn(f: WebAuthnFixture, answer: (challenge: string) => string, config: Record<string, unknown> = METADATA, shared: Record<string, unknown> = { username: 'omar' }, extra: unknown[] = []) {
  const first = await runNode(webAuthnAuthenticationNode, { services: f.services, config, shared });
  const callbacks = sentCallbacks(first.action);
  return runNode(webAuthnAuthenticationNode, {
    services: f.services,
    config,
    shared: first.state.shared,
    transient: first.state.transient,
    callbacks: submit(callbacks, [undefined, answer(sentChallenge(callbacks)), ...extra]),
  });
}

const ceremony = (challenge: string) => ({ origin: ORIGIN, rpId: RP_ID, challenge });

describe('WebAuthnAuthenticationNode', () => {
  it("has AM's outcomes; recoveryCode and successSignCountMismatch only when configured", () => {
    const outcomes = (config: Record<string, unknown>) => {
      const parsed = parseNodeConfig(anyNode(webAuthnAuthenticationNode), config);
      assert.ok(parsed.ok);
      return outcomesOf(anyNode(webAuthnAuthenticationNode), parsed.config);
    };
    assert.deepEqual(outcomes({}), ['unsupported', 'noDevice', 'success', 'failure', 'error']);
    assert.deepEqual(outcomes({ isRecoveryCodeAllowed: true, detectSignCountMismatch: true }), ['unsupported', 'noDevice', 'success', 'failure', 'error', 'recoveryCode', 'successSignCountMismatch']);
  });

  it("allows the user's credentials in what FRWebAuthn recognises as an authentication step", async () => {
    const f = await webAuthnFixture();
    const credential = await enrol(f);
    const { action } = await runNode(webAuthnAuthenticationNode, { services: f.services, config: METADATA, shared: { username: 'omar' } });
    const callbacks = sentCallbacks(action);
    const data = sentMetadata(callbacks);
    assert.equal(data._type, 'WebAuthn');
    assert.equal(data.relyingPartyId, `rpId: "${RP_ID}",`);
    const step = { getCallbacksOfType: (type: string) => (type === 'MetadataCallback' ? [{ getOutputByName: () => data, getOutputValue: () => data }] : type === 'HiddenValueCallback' ? [{ getOutputByName: () => 'webAuthnOutcome' }] : []) };
    assert.equal(FRWebAuthn.getWebAuthnStepType(step as never), WebAuthnStepType.Authentication);
    const options = FRWebAuthn.createAuthenticationPublicKey(data as never);
    assert.equal(Buffer.from(options.allowCredentials?.[0]?.id as Int8Array).toString('base64url'), credential.id);
  });

  it('success: a verified assertion; the counter is saved and the device named in shared state', async () => {
    const f = await webAuthnFixture();
    const credential = await enrol(f, 4);
    const { action, state } = await signIn(f, (challenge) => jsonOutcome(authenticationOutcome(credential, ceremony(challenge))));
    assert.deepEqual(action, goTo('success'));
    const [device] = await f.devices.list('alpha', USER_ID, 'webauthn');
    assert.equal(device?.data.counter, 5);
    assert.equal(state.shared.webauthnDeviceUuid, device?.id);
    assert.equal(state.shared.webauthnDeviceName, 'Laptop key');
    assert.equal(state.transient['web-authn-challenge'], undefined);
  });

  it('failure: a cloned authenticator (the counter went backwards), and the counter stays', async () => {
    const f = await webAuthnFixture();
    const credential = await enrol(f, 10);
    credential.counter = 3;
    const { action } = await signIn(f, (challenge) => authenticationOutcome(credential, ceremony(challenge)));
    assert.deepEqual(action, goTo('failure'));
    const [device] = await f.devices.list('alpha', USER_ID, 'webauthn');
    assert.equal(device?.data.counter, 10);
  });

  it('two sign-ins racing with the same counter (a clone used at once): only one succeeds', async () => {
    const f = await webAuthnFixture();
    const credential = await enrol(f, 4);
    const starts = await Promise.all([0, 1].map(() => runNode(webAuthnAuthenticationNode, { services: f.services, config: METADATA, shared: { username: 'omar' } })));
    const answers = starts.map((start) => {
      const callbacks = sentCallbacks(start.action);
      credential.counter = 4;
      return { start, callbacks: submit(callbacks, [undefined, authenticationOutcome(credential, ceremony(sentChallenge(callbacks)))]) };
    });
    const results = await Promise.all(answers.map(({ start, callbacks }) => runNode(webAuthnAuthenticationNode, { services: f.services, config: METADATA, shared: start.state.shared, transient: start.state.transient, callbacks })));
    assert.deepEqual(results.map((result) => result.action).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))), [goTo('failure'), goTo('success')]);
    assert.equal((await f.devices.list('alpha', USER_ID, 'webauthn'))[0]?.data.counter, 5);
  });

  it('successSignCountMismatch instead, when detectSignCountMismatch asks for it (AM)', async () => {
    const f = await webAuthnFixture();
    const credential = await enrol(f, 10);
    credential.counter = 3;
    const { action } = await signIn(f, (challenge) => authenticationOutcome(credential, ceremony(challenge)), { ...METADATA, detectSignCountMismatch: true });
    assert.deepEqual(action, goTo('successSignCountMismatch'));
  });

  it('failure: the same assertion replayed (its challenge was used), another key, an unknown user', async () => {
    const f = await webAuthnFixture();
    const credential = await enrol(f, 1);
    let replay = '';
    const first = await signIn(f, (challenge) => {
      replay = authenticationOutcome(credential, ceremony(challenge));
      return replay;
    });
    assert.deepEqual(first.action, goTo('success'));
    assert.deepEqual((await signIn(f, () => replay)).action, goTo('failure'));
    const stranger = newCredential(userHandleOf(USER_ID), 50);
    assert.deepEqual((await signIn(f, (challenge) => authenticationOutcome(stranger, ceremony(challenge)))).action, goTo('failure'));
    assert.deepEqual((await runNode(webAuthnAuthenticationNode, { services: f.services, config: METADATA, shared: { username: 'nobody' } })).action, goTo('failure'));
  });

  it('noDevice: the user has no WebAuthn device', async () => {
    const f = await webAuthnFixture();
    const { action } = await runNode(webAuthnAuthenticationNode, { services: f.services, config: METADATA, shared: { username: 'omar' } });
    assert.deepEqual(action, goTo('noDevice'));
  });

  it('unsupported and error as the SDK reports them', async () => {
    const f = await webAuthnFixture();
    await enrol(f);
    assert.deepEqual((await signIn(f, () => 'unsupported')).action, goTo('unsupported'));
    const refused = await signIn(f, () => 'ERROR::NotAllowedError:cancelled');
    assert.deepEqual(refused.action, goTo('error'));
    assert.equal(refused.state.shared.WebAuthenticationDOMException, 'NotAllowedError:cancelled');
  });

  it('recoveryCode: "Use Recovery Code" pressed', async () => {
    const f = await webAuthnFixture();
    await enrol(f);
    const config = { ...METADATA, isRecoveryCodeAllowed: true };
    const first = await runNode(webAuthnAuthenticationNode, { services: f.services, config, shared: { username: 'omar' } });
    const callbacks = sentCallbacks(first.action);
    assert.deepEqual(callbacks[2]?.output.find((output) => output.name === 'options')?.value, ['Use Recovery Code']);
    assert.equal(callbacks[2]?.inputs[0]?.value, 100);
    const pressed = await runNode(webAuthnAuthenticationNode, { services: f.services, config, shared: first.state.shared, transient: first.state.transient, callbacks: submit(callbacks, [undefined, 'webAuthnOutcome', 0]) });
    assert.deepEqual(pressed.action, goTo('recoveryCode'));
  });

  it('usernameless (requiresResidentKey): no username needed; the passkey names the user, who is set in shared state', async () => {
    const f = await webAuthnFixture();
    const credential = await enrol(f, 0);
    const config = { ...METADATA, requiresResidentKey: true };
    const first = await runNode(webAuthnAuthenticationNode, { services: f.services, config, shared: {} });
    const callbacks = sentCallbacks(first.action);
    assert.deepEqual(sentMetadata(callbacks)._allowCredentials, [], 'the browser offers its discoverable credentials');
    const answer = authenticationOutcome(credential, { ...ceremony(sentChallenge(callbacks)), withUserHandle: true });
    const { action, state } = await runNode(webAuthnAuthenticationNode, { services: f.services, config, shared: first.state.shared, transient: first.state.transient, callbacks: submit(callbacks, [undefined, jsonOutcome(answer)]) });
    assert.deepEqual(action, goTo('success'));
    assert.equal(state.shared._id, USER_ID);
    assert.equal(state.shared.username, 'omar');
  });

  it('usernameless: a user handle naming nobody, or no user handle, is failure', async () => {
    const f = await webAuthnFixture();
    const credential = await enrol(f, 0);
    const config = { ...METADATA, requiresResidentKey: true };
    credential.userHandle = userHandleOf('someone-else');
    assert.deepEqual((await signIn(f, (challenge) => authenticationOutcome(credential, { ...ceremony(challenge), withUserHandle: true }), config, {})).action, goTo('failure'));
    assert.deepEqual((await signIn(f, (challenge) => authenticationOutcome(credential, ceremony(challenge)), config, {})).action, goTo('failure'));
  });
});
