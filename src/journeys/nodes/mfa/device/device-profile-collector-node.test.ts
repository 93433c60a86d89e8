import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fail, goTo } from '../../../engine/actions.ts';
import { runNode, sentCallbacks, submit } from '../../../engine/node-testing.ts';
import { deviceProfileCollectorNode } from './device-profile-collector-node.ts';
import { DEVICE_PROFILE } from './device-profile-state.ts';
import { browserMetadata } from './device-node-test-setup.ts';

const config = { deviceMetadata: true, deviceLocation: true, message: { en: 'Checking your device', fr: 'Vérification de votre appareil' }, maximumSize: '3' };

async function answered(answer: unknown, options: { config?: Record<string, unknown> } = {}) {
  const first = await runNode(deviceProfileCollectorNode, { config: options.config ?? config });
  return runNode(deviceProfileCollectorNode, { config: options.config ?? config, callbacks: submit(sentCallbacks(first.action), [answer]) });
}

describe('DeviceProfileCollectorNode', () => {
  it("sends the DeviceProfileCallback the SDK reads: metadata, location and the message in the user's language", async () => {
    const { action } = await runNode(deviceProfileCollectorNode, { config, request: { locales: ['fr-BE'] } });
    assert.deepEqual(sentCallbacks(action), [
      {
        type: 'DeviceProfileCallback',
        output: [
          { name: 'metadata', value: true },
          { name: 'location', value: true },
          { name: 'message', value: 'Vérification de votre appareil' },
        ],
        inputs: [{ suffix: '', value: '', kind: 'string' }],
      },
    ]);
  });

  it("asks for metadata only by default, as AM, with an empty message", async () => {
    const { action } = await runNode(deviceProfileCollectorNode);
    assert.deepEqual(sentCallbacks(action)[0]?.output, [
      { name: 'metadata', value: true },
      { name: 'location', value: false },
      { name: 'message', value: '' },
    ]);
  });

  it('keeps the profile the SDK sent in forgeRock.device.profile and leaves by outcome', async () => {
    const profile = { identifier: '3920315818-1829391728-2941239', metadata: browserMetadata(), location: { latitude: 50.85, longitude: 4.35 } };
    const { action, state } = await answered(JSON.stringify(profile));
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(state.shared[DEVICE_PROFILE], profile);
  });

  it('sends the callback again when the answer is empty', async () => {
    const { action, state } = await answered('');
    assert.equal(sentCallbacks(action)[0]?.type, 'DeviceProfileCallback');
    assert.equal(state.shared[DEVICE_PROFILE], undefined);
  });

  it('ends the journey when the profile is larger than maximumSize KB', async () => {
    const big = JSON.stringify({ identifier: 'id-1', metadata: { padding: 'x'.repeat(1100) } });
    assert.deepEqual((await answered(big, { config: { ...config, maximumSize: '1' } })).action, fail());
    assert.deepEqual((await answered(big, { config: { ...config, maximumSize: '2' } })).action, goTo('outcome'));
  });

  it('ends the journey when the answer has no identifier or is no JSON object', async () => {
    const { state, action } = await answered(JSON.stringify({ metadata: browserMetadata() }));
    assert.deepEqual(action, fail());
    assert.equal(state.shared[DEVICE_PROFILE], undefined);
    assert.deepEqual((await answered('not json')).action, fail());
    assert.deepEqual((await answered('["identifier"]')).action, fail());
    assert.deepEqual((await answered(JSON.stringify({ identifier: 'x'.repeat(257) }))).action, fail());
  });
});
