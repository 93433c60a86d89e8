import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeTestServices } from '../../../platform/testing/node-test-services.ts';
import { goTo } from '../../engine/actions.ts';
import type { NodeAction } from '../../engine/actions.ts';
import { outcomesOf, anyNode } from '../../engine/define-node.ts';
import { runNode, sentCallbacks, submit, TEST_NODE_ID } from '../../engine/node-testing.ts';
import { pollingWaitKeys, pollingWaitNode } from './polling-wait-node.ts';

const keys = pollingWaitKeys(TEST_NODE_ID);

/** Runs the node again and again with the state and answer of the previous run, as the runner does. */
async function poller(config: Record<string, unknown> = {}, locales = ['en']) {
  const t = await nodeTestServices();
  let shared: Record<string, unknown> = { username: 'bob' };
  let last: NodeAction | undefined;
  const step = async (values: unknown[] = []) => {
    const answer = last?.kind === 'send' ? { callbacks: submit(last.callbacks, values) } : {};
    const run = await runNode(pollingWaitNode, { services: t.services, config, shared, ...answer, request: { locales } });
    shared = run.state.shared;
    last = run.action;
    return run;
  };
  return { t, step, shared: () => shared };
}

describe('PollingWaitNode', () => {
  it('declares DONE, and EXITED and SPAM only when configured, as AM', () => {
    const definition = anyNode(pollingWaitNode);
    assert.deepEqual(outcomesOf(definition, { exitable: false, spamDetectionEnabled: false }), ['DONE']);
    assert.deepEqual(outcomesOf(definition, { exitable: true, spamDetectionEnabled: true }), ['DONE', 'EXITED', 'SPAM']);
  });

  it('sends a PollingWaitCallback with the wait in ms (a string) and the message, then DONE once the time has passed', async () => {
    const { t, step, shared } = await poller({ secondsToWait: 5, waitingMessage: { en: 'Hold on for {{time}} seconds' } });
    const first = await step();
    assert.deepEqual(sentCallbacks(first.action), [{ type: 'PollingWaitCallback', output: [{ name: 'waitTime', value: '5000' }, { name: 'message', value: 'Hold on for 5 seconds' }], inputs: [] }]);
    assert.equal(shared()[keys.endTime], t.clock.now() + 5000);
    assert.equal(shared()[keys.spamCount], 0);
    t.clock.advance(5000);
    const done = await step();
    assert.deepEqual(done.action, goTo('DONE'));
    assert.deepEqual(shared(), { username: 'bob' }, 'its keys are cleared');
  });

  it('an early answer waits again (the same wait), and counts as spam', async () => {
    const { t, step, shared } = await poller({ secondsToWait: 8 });
    await step();
    t.clock.advance(1000);
    const early = await step();
    assert.equal(early.action.kind, 'send');
    assert.equal(shared()[keys.spamCount], 1);
    assert.equal(sentCallbacks(early.action)[0]?.output[1]?.value, 'Waiting for response...', 'AM’s default message');
  });

  it('goes to SPAM when more early answers than the tolerance came, with spam detection on', async () => {
    const { step } = await poller({ secondsToWait: 8, spamDetectionEnabled: true, spamDetectionTolerance: 2 });
    await step();
    for (let early = 1; early <= 2; early++) assert.equal((await step()).action.kind, 'send', `early answer ${early} is tolerated`);
    assert.equal((await step()).action.kind, 'send', 'the third early answer is counted');
    assert.deepEqual((await step()).action, goTo('SPAM'));
  });

  it('with exitable, offers the exit button (index preset to 100) and goes to EXITED when it is pressed', async () => {
    const { step, shared } = await poller({ exitable: true, exitMessage: {} }, ['nl']);
    const first = await step();
    const [wait, exit] = sentCallbacks(first.action);
    assert.equal(wait?.output[1]?.value, 'Wachten op antwoord...');
    assert.equal(exit?.type, 'ConfirmationCallback');
    assert.deepEqual(exit?.output.find((o) => o.name === 'options')?.value, ['Annuleren']);
    assert.equal(exit?.inputs[0]?.value, 100);
    assert.equal((await step([undefined, 100])).action.kind, 'send', 'not pressed: still waiting');
    assert.deepEqual((await step([undefined, 0])).action, goTo('EXITED'));
    assert.deepEqual(shared(), { username: 'bob' });
  });
});
