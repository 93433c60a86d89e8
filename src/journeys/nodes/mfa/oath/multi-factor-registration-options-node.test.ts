import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fail, goTo } from '../../../engine/actions.ts';
import { anyNode, outcomesOf } from '../../../engine/define-node.ts';
import { outputValue } from '../../../engine/callbacks.ts';
import { runNode, sentCallbacks, submit } from '../../../engine/node-testing.ts';
import { parseNodeConfig } from '../../../engine/parse-node-config.ts';
import { mfaTestKit } from './mfa-node-testing.ts';
import { multiFactorRegistrationOptionsNode } from './multi-factor-registration-options-node.ts';

const shared = { username: 'ann', mfaMethod: 'oath' };

async function choose(config: Record<string, unknown>, index: number) {
  const kit = await mfaTestKit();
  const asked = await runNode(multiFactorRegistrationOptionsNode, { services: kit.services, shared, config });
  return { options: outputValue(sentCallbacks(asked.action)[1], 'options'), action: (await runNode(multiFactorRegistrationOptionsNode, { services: kit.services, shared, config, callbacks: submit(sentCallbacks(asked.action), [undefined, index]) })).action };
}

describe('MultiFactorRegistrationOptionsNode', () => {
  it("offers AM's four options by default, and each leads to its outcome", async () => {
    const outcomes = ['registerOutcome', 'getAppOutcome', 'skipOutcome', 'optOutOutcome'];
    for (const [index, outcome] of outcomes.entries()) {
      const { options, action } = await choose({}, index);
      assert.deepEqual(options, ['Register Device', 'Get the App', 'Skip this step', 'Opt-out']);
      assert.deepEqual(action, goTo(outcome));
    }
  });

  it('without getApp or when mandatory, leaves those options and outcomes out', async () => {
    assert.deepEqual(await choose({ getApp: false }, 1), { options: ['Register Device', 'Skip this step', 'Opt-out'], action: goTo('skipOutcome') });
    assert.deepEqual(await choose({ mandatory: true }, 1), { options: ['Register Device', 'Get the App'], action: goTo('getAppOutcome') });
    assert.deepEqual((await choose({ mandatory: true }, 2)).action, fail(), 'an option not offered');
    const parsed = parseNodeConfig(multiFactorRegistrationOptionsNode, { mandatory: true, getApp: false });
    assert.ok(parsed.ok);
    assert.deepEqual(outcomesOf(anyNode(multiFactorRegistrationOptionsNode), parsed.config), ['registerOutcome']);
  });

  it('fails without mfaMethod or a known user', async () => {
    const kit = await mfaTestKit();
    assert.deepEqual((await runNode(multiFactorRegistrationOptionsNode, { services: kit.services, shared: { username: 'ann' } })).action, fail());
    assert.deepEqual((await runNode(multiFactorRegistrationOptionsNode, { services: kit.services, shared: { username: 'nobody', mfaMethod: 'oath' } })).action, fail());
  });
});
