import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fail, goTo } from '../../../engine/actions.ts';
import { runNode } from '../../../engine/node-testing.ts';
import { DEVICE_PROFILE } from './device-profile-state.ts';
import { deviceTamperingVerificationNode } from './device-tampering-verification-node.ts';

const scored = (jailBreakScore: unknown) => ({ [DEVICE_PROFILE]: { identifier: 'dev-1', metadata: { platform: { platform: 'iOS', jailBreakScore } } } });

describe('DeviceTamperingVerificationNode', () => {
  it('leaves by true when the jailbreak score is at most score', async () => {
    assert.deepEqual((await runNode(deviceTamperingVerificationNode, { shared: scored(0) })).action, goTo('true'));
    assert.deepEqual((await runNode(deviceTamperingVerificationNode, { config: { score: '0.5' }, shared: scored(0.5) })).action, goTo('true'));
  });

  it('leaves by false when the score is higher', async () => {
    assert.deepEqual((await runNode(deviceTamperingVerificationNode, { shared: scored(0.2) })).action, goTo('false'));
    assert.deepEqual((await runNode(deviceTamperingVerificationNode, { config: { score: '0.5' }, shared: scored(1) })).action, goTo('false'));
  });

  it('leaves by false when no score was sent (browsers) or it is no number', async () => {
    assert.deepEqual((await runNode(deviceTamperingVerificationNode, { shared: { [DEVICE_PROFILE]: { identifier: 'dev-1', metadata: { platform: {} } } } })).action, goTo('false'));
    assert.deepEqual((await runNode(deviceTamperingVerificationNode, { shared: scored('0') })).action, goTo('false'));
  });

  it('ends the journey when no metadata was collected', async () => {
    assert.deepEqual((await runNode(deviceTamperingVerificationNode, { shared: { [DEVICE_PROFILE]: { identifier: 'dev-1' } } })).action, fail());
  });
});
