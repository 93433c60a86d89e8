import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fail, goTo } from '../../../engine/actions.ts';
import { createCapabilityRegistry } from '../../../engine/capabilities.ts';
import type { Callback } from '../../../engine/callbacks.ts';
import type { RunNodeOptions } from '../../../engine/node-testing.ts';
import { runNode, sentCallbacks, submit } from '../../../engine/node-testing.ts';
import { MFA_DEVICES } from '../mfa-devices.ts';
import type { MfaTestKit } from './mfa-node-testing.ts';
import { ANN, codeAt, mfaTestKit, NOW, registrationUri, secretOf, stepAt } from './mfa-node-testing.ts';
import { oathRegistrationNode } from './oath-registration-node.ts';
import { oathTokenVerifierNode } from './oath-token-verifier-node.ts';

const shared = { username: 'ann' };
const SECRET = Buffer.from('3132333435363738393031323334353637383930', 'hex');
const PROMPT: Callback[] = [
  { type: 'NameCallback', output: [{ name: 'prompt', value: 'Enter verification code' }], inputs: [{ suffix: '', value: '', kind: 'string' }] },
  {
    type: 'ConfirmationCallback',
    output: [
      { name: 'prompt', value: '' },
      { name: 'messageType', value: 0 },
      { name: 'options', value: ['Submit'] },
      { name: 'optionType', value: -1 },
      { name: 'defaultOption', value: 0 },
    ],
    inputs: [{ suffix: '', value: 0, kind: 'number' }],
  },
];

/** Adds an app with `SECRET` for ann. */
async function withApp(kit: MfaTestKit, data: Record<string, unknown> = {}) {
  return kit.devices.add('alpha', ANN._id, 'oath', {
    deviceName: 'OATH Device',
    data: { algorithm: 'TOTP', counter: 0, driftSteps: 0, checksumDigit: false, truncationOffset: -1, ...data },
    secret: { sharedSecret: SECRET.toString('hex').toUpperCase() },
  });
}

/** Answers the verifier with `code`. */
async function answer(kit: MfaTestKit, code: string, options: RunNodeOptions = {}) {
  return runNode(oathTokenVerifierNode, { services: kit.services, shared, ...options, callbacks: submit(PROMPT, [code, 0]) });
}

describe('OathTokenVerifierNode', () => {
  it("asks as AM does (NameCallback and Submit; 'Use recovery code' when allowed)", async () => {
    const kit = await mfaTestKit();
    await withApp(kit);
    assert.deepEqual(sentCallbacks((await runNode(oathTokenVerifierNode, { services: kit.services, shared })).action), PROMPT);
    const allowed = await runNode(oathTokenVerifierNode, { services: kit.services, shared, config: { isRecoveryCodeAllowed: true } });
    assert.deepEqual(sentCallbacks(allowed.action)[1]?.output[2], { name: 'options', value: ['Submit', 'Use recovery code'] });
  });

  it('accepts the TOTP code the app computes from the registered secret, once: the same code again fails', async () => {
    const kit = await mfaTestKit();
    const first = await runNode(oathRegistrationNode, { services: kit.services, shared });
    const secret = secretOf(registrationUri(first.action));
    await runNode(oathRegistrationNode, { services: kit.services, ...first.state, callbacks: submit(sentCallbacks(first.action), [undefined, undefined, undefined, 0]) });
    const code = codeAt(secret, stepAt(NOW));
    assert.deepEqual((await answer(kit, code)).action, goTo('successOutcome'));
    assert.deepEqual((await answer(kit, code)).action, goTo('failureOutcome'), 'replay');
    const [app] = await kit.devices.list('alpha', ANN._id, 'oath');
    assert.equal(app?.data.lastStep, stepAt(NOW));
  });

  it('accepts a code one step old within totpTimeSteps, refuses one outside, and an older step after a newer one', async () => {
    const kit = await mfaTestKit();
    await withApp(kit);
    const now = stepAt(NOW);
    assert.deepEqual((await answer(kit, codeAt(SECRET, now - 3))).action, goTo('failureOutcome'), 'three steps old, window 2');
    assert.deepEqual((await answer(kit, codeAt(SECRET, now - 1))).action, goTo('successOutcome'));
    assert.deepEqual((await answer(kit, codeAt(SECRET, now - 2))).action, goTo('failureOutcome'), 'below the last step used');
    assert.deepEqual((await answer(kit, codeAt(SECRET, now))).action, goTo('successOutcome'));
    kit.t.clock.advance(30_000);
    assert.deepEqual((await answer(kit, codeAt(SECRET, now + 1))).action, goTo('successOutcome'), 'the next period');
    assert.deepEqual((await answer(kit, codeAt(SECRET, now + 4), { config: { totpTimeSteps: 3 } })).action, goTo('successOutcome'), 'a wider window');
  });

  it('refuses wrong codes and anything but 6 or 8 digits; accepts 8-digit codes', async () => {
    const kit = await mfaTestKit();
    await withApp(kit);
    for (const code of ['000000', '', '12345', 'abcdef', '1'.repeat(100)]) assert.deepEqual((await answer(kit, code)).action, goTo('failureOutcome'), code);
    assert.deepEqual((await answer(kit, codeAt(SECRET, stepAt(NOW), 8))).action, goTo('successOutcome'));
  });

  it('HOTP: accepts counters within hotpWindowSize, moves past them, refuses used counters and beyond the window', async () => {
    const kit = await mfaTestKit();
    await withApp(kit, { algorithm: 'HOTP' });
    const config = { algorithm: 'HOTP', hotpWindowSize: 5 };
    assert.deepEqual((await answer(kit, codeAt(SECRET, 3), { config })).action, goTo('successOutcome'));
    assert.equal((await kit.devices.list('alpha', ANN._id, 'oath'))[0]?.data.counter, 4);
    assert.deepEqual((await answer(kit, codeAt(SECRET, 3), { config })).action, goTo('failureOutcome'), 'replay');
    assert.deepEqual((await answer(kit, codeAt(SECRET, 2), { config })).action, goTo('failureOutcome'), 'an older counter');
    assert.deepEqual((await answer(kit, codeAt(SECRET, 10), { config })).action, goTo('failureOutcome'), 'beyond 4 + 5');
    assert.deepEqual((await answer(kit, codeAt(SECRET, 9), { config })).action, goTo('successOutcome'));
  });

  it('a lost race is a failure: the device changed between reading and saving', async () => {
    const kit = await mfaTestKit();
    await withApp(kit);
    const racing = {
      ...kit.devices,
      async list(realm: string, userId: string, kind: 'oath') {
        const read = await kit.devices.list(realm, userId, kind);
        for (const device of read) await kit.devices.save(realm, userId, device); // someone else wrote meanwhile
        return read;
      },
    };
    const registry = createCapabilityRegistry();
    registry.register(MFA_DEVICES, racing);
    const lost = await runNode(oathTokenVerifierNode, { services: { ...kit.services, capabilities: registry.seal() }, shared, callbacks: submit(PROMPT, [codeAt(SECRET, stepAt(NOW)), 0]) });
    assert.deepEqual(lost.action, goTo('failureOutcome'));
  });

  it('notRegisteredOutcome for a user without an app (the opt-out marker is no app), setting mfaMethod "oath"', async () => {
    const kit = await mfaTestKit();
    await kit.devices.add('alpha', ANN._id, 'oath', { deviceName: 'MFA opt-out', data: { skippable: 'SKIPPABLE' } });
    const { action, state } = await runNode(oathTokenVerifierNode, { services: kit.services, shared });
    assert.deepEqual(action, goTo('notRegisteredOutcome'));
    assert.equal(state.shared.mfaMethod, 'oath');
    assert.deepEqual((await runNode(oathTokenVerifierNode, { services: kit.services, shared: { username: 'nobody' } })).action, fail());
  });

  it('recoveryCodeOutcome for "Use recovery code" when allowed, and only then', async () => {
    const kit = await mfaTestKit();
    await withApp(kit);
    const config = { isRecoveryCodeAllowed: true };
    const asked = await runNode(oathTokenVerifierNode, { services: kit.services, shared, config });
    const chosen = await runNode(oathTokenVerifierNode, { services: kit.services, shared, config, callbacks: submit(sentCallbacks(asked.action), ['', 1]) });
    assert.deepEqual(chosen.action, goTo('recoveryCodeOutcome'));
    assert.deepEqual((await runNode(oathTokenVerifierNode, { services: kit.services, shared, callbacks: submit(PROMPT, ['', 1]) })).action, goTo('failureOutcome'));
  });

  it('checks a device still pending from a postponed registration, keeping its new step with it', async () => {
    const kit = await mfaTestKit();
    const first = await runNode(oathRegistrationNode, { services: kit.services, shared, config: { postponeDeviceProfileStorage: true } });
    const secret = secretOf(registrationUri(first.action));
    const code = codeAt(secret, stepAt(NOW));
    const ok = await answer(kit, code, { transient: first.state.transient });
    assert.deepEqual(ok.action, goTo('successOutcome'));
    assert.deepEqual(await kit.devices.list('alpha', ANN._id, 'oath'), []);
    assert.deepEqual((await answer(kit, code, { transient: ok.state.transient })).action, goTo('failureOutcome'), 'replay of the pending device');
  });
});
