import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeTestServices } from '../../../platform/testing/node-test-services.ts';
import type { NodeTestServices } from '../../../platform/testing/node-test-services.ts';
import { goTo } from '../../engine/actions.ts';
import type { Callback } from '../../engine/callbacks.ts';
import type { JourneyStateData } from '../../engine/node-context.ts';
import { runNode, sentCallbacks, submit } from '../../engine/node-testing.ts';
import { MAX_TRIES_PER_CODE, oneTimePasswordCollectorDecisionNode } from './one-time-password-collector-decision-node.ts';

const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);
const CODE = '40213377';
const PROMPT: Callback[] = [{ type: 'PasswordCallback', output: [{ name: 'prompt', value: 'One Time Password' }], inputs: [{ suffix: '', value: '', kind: 'string' }] }];

/** A journey state holding `CODE`, made at `NOW`. */
function withCode(extra: Record<string, unknown> = {}): JourneyStateData {
  return { shared: {}, transient: { oneTimePassword: CODE, oneTimePasswordTimestamp: NOW / 1000, ...extra } };
}

/** Answers the collector with `answer` in `state`; the outcome and the state after. */
async function answer(t: NodeTestServices, state: JourneyStateData, given: unknown, config: Record<string, unknown> = {}) {
  const { action, state: after } = await runNode(oneTimePasswordCollectorDecisionNode, { services: t.services, config, ...state, callbacks: submit(PROMPT, [given]) });
  return { action, state: after };
}

describe('OneTimePasswordCollectorDecisionNode', () => {
  it("asks with AM's PasswordCallback, and again for an empty answer", async () => {
    const t = await nodeTestServices({ now: NOW });
    const first = await runNode(oneTimePasswordCollectorDecisionNode, { services: t.services, ...withCode() });
    assert.deepEqual(sentCallbacks(first.action), PROMPT);
    assert.deepEqual(sentCallbacks((await answer(t, withCode(), '')).action), PROMPT);
    assert.deepEqual(sentCallbacks((await answer(t, withCode(), 42)).action), PROMPT, 'a number is no answer');
  });

  it('the right code in time is true, once: the code is forgotten and the same code again is false', async () => {
    const t = await nodeTestServices({ now: NOW });
    t.clock.advance(4 * 60_000 + 59_000);
    const right = await answer(t, withCode(), CODE);
    assert.deepEqual(right.action, goTo('true'));
    assert.deepEqual(right.state.transient, {});
    const again = await answer(t, right.state, CODE);
    assert.deepEqual(again.action, goTo('false'));
  });

  it('a wrong code is false and keeps the code for another try (the sample trees retry through Retry Limit Decision)', async () => {
    const t = await nodeTestServices({ now: NOW });
    const wrong = await answer(t, withCode(), '40213378');
    assert.deepEqual(wrong.action, goTo('false'));
    assert.equal(wrong.state.transient.oneTimePassword, CODE);
    assert.deepEqual((await answer(t, wrong.state, `${CODE}0`)).action, goTo('false'), 'a longer answer is wrong');
    assert.deepEqual((await answer(t, wrong.state, CODE)).action, goTo('true'));
  });

  it(`forgets the code at the ${MAX_TRIES_PER_CODE}th wrong try: then even the right code is false`, async () => {
    const t = await nodeTestServices({ now: NOW });
    let state = withCode();
    for (let attempt = 1; attempt < MAX_TRIES_PER_CODE; attempt += 1) {
      const wrong = await answer(t, state, '00000000');
      assert.deepEqual(wrong.action, goTo('false'));
      assert.equal(wrong.state.transient.oneTimePasswordFailures, attempt);
      state = wrong.state;
    }
    assert.deepEqual((await answer(t, state, CODE)).action, goTo('true'), `${MAX_TRIES_PER_CODE - 1} wrong tries still leave the code`);
    const last = await answer(t, state, '00000000');
    assert.deepEqual(last.state.transient, {});
    assert.deepEqual((await answer(t, last.state, CODE)).action, goTo('false'));
  });

  it('an expired code is false, even when right, and is forgotten; passwordExpiryTime sets the minutes', async () => {
    const t = await nodeTestServices({ now: NOW });
    t.clock.advance(5 * 60_000);
    const expired = await answer(t, withCode(), CODE);
    assert.deepEqual(expired.action, goTo('false'));
    assert.deepEqual(expired.state.transient, {});
    assert.deepEqual((await answer(t, withCode(), CODE, { passwordExpiryTime: 10 })).action, goTo('true'));
  });

  it('is false without a code, and reads a code AM put in shared state (inSharedState), forgetting it there too', async () => {
    const t = await nodeTestServices({ now: NOW });
    assert.deepEqual((await answer(t, { shared: {}, transient: {} }, CODE)).action, goTo('false'));
    const shared = await answer(t, { shared: { oneTimePassword: CODE, oneTimePasswordTimestamp: NOW / 1000, username: 'bob' }, transient: {} }, CODE);
    assert.deepEqual(shared.action, goTo('true'));
    assert.deepEqual(shared.state.shared, { username: 'bob', 'arbor.amr': ['otp'] }, 'the code is recorded as how the user was authenticated');
    assert.deepEqual(t.callNames(), [], 'no service is asked: the code is checked in the journey state');
  });
});
