import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FRRecoveryCodes, FRStep } from '@forgerock/javascript-sdk';
import { generateRecoveryCodes } from '../../../../devices/recovery-codes.ts';
import { goTo } from '../../../engine/actions.ts';
import { outputValue } from '../../../engine/callbacks.ts';
import { runNode, sentCallbacks, submit } from '../../../engine/node-testing.ts';
import { renderCallbacks } from '../../../engine/submission.ts';
import { recoveryCodeDisplayNode } from './recovery-code-display-node.ts';

describe('RecoveryCodeDisplayNode', () => {
  it("sends a type 4 script that the SDK's FRRecoveryCodes reads back: the step, every code and the device name", async () => {
    const codes = generateRecoveryCodes();
    const { action } = await runNode(recoveryCodeDisplayNode, { transient: { recoveryCodes: codes, recoveryCodeDeviceName: 'OATH Device' } });
    const callbacks = sentCallbacks(action);
    assert.equal(outputValue(callbacks[0], 'messageType'), '4');
    const step = new FRStep({ authId: 'a', callbacks: renderCallbacks(callbacks) });
    assert.equal(FRRecoveryCodes.isDisplayStep(step), true);
    assert.deepEqual(FRRecoveryCodes.getCodes(step), codes);
    assert.equal(FRRecoveryCodes.getDeviceName(step), 'OATH Device');
  });

  it('shows the codes once: they leave transient state as they are sent, and the next run goes on', async () => {
    const { action, state } = await runNode(recoveryCodeDisplayNode, { transient: { recoveryCodes: ['AbCdE12345'], recoveryCodeDeviceName: 'OATH Device', other: 1 } });
    assert.deepEqual(state.transient, { other: 1 });
    const next = await runNode(recoveryCodeDisplayNode, { ...state, callbacks: submit(sentCallbacks(action), []) });
    assert.deepEqual(next.action, goTo('outcome'));
  });

  it('goes straight on without codes, and shows only plain codes; a device name cannot inject markup', async () => {
    assert.deepEqual((await runNode(recoveryCodeDisplayNode)).action, goTo('outcome'));
    assert.deepEqual((await runNode(recoveryCodeDisplayNode, { transient: { recoveryCodes: 'AbCdE12345' } })).action, goTo('outcome'));
    const { action } = await runNode(recoveryCodeDisplayNode, { transient: { recoveryCodes: ['AbCdE12345', '"; x', 7], recoveryCodeDeviceName: '<img src=x onerror=alert(1)>' } });
    const step = new FRStep({ authId: 'a', callbacks: renderCallbacks(sentCallbacks(action)) });
    assert.deepEqual(FRRecoveryCodes.getCodes(step), ['AbCdE12345']);
    assert.equal(String(outputValue(sentCallbacks(action)[0], 'message')).includes('<img'), false);
  });
});
