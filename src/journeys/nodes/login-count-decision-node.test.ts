import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeTestServices } from '../../platform/testing/node-test-services.ts';
import { goTo } from '../engine/actions.ts';
import { runNode } from '../engine/node-testing.ts';
import { incrementLoginCountNode } from './increment-login-count-node.ts';
import { loginCountDecisionNode } from './login-count-decision-node.ts';

async function decide(config: Record<string, unknown>, loginCount: unknown, shared: Record<string, unknown> = { username: 'ann' }) {
  const t = await nodeTestServices({ users: [{ _id: 'u1', attributes: { userName: 'ann' }, meta: loginCount === undefined ? {} : { loginCount } }] });
  return (await runNode(loginCountDecisionNode, { config, services: t.services, shared })).action;
}

describe('LoginCountDecisionNode', () => {
  it('is true AT the amount and EVERY multiple of it', async () => {
    assert.deepEqual(await decide({ amount: 3 }, 3), goTo('true'));
    assert.deepEqual(await decide({ interval: 'EVERY', amount: 3 }, 6), goTo('true'));
  });

  it('is false before, after, between multiples, without a count or a user', async () => {
    assert.deepEqual(await decide({ amount: 3 }, 2), goTo('false'));
    assert.deepEqual(await decide({ amount: 3 }, 4), goTo('false'));
    assert.deepEqual(await decide({ interval: 'EVERY', amount: 3 }, 7), goTo('false'));
    assert.deepEqual(await decide({ interval: 'EVERY', amount: 3 }, 0), goTo('false'));
    assert.deepEqual(await decide({}, 25, {}), goTo('false'));
    assert.deepEqual(await decide({}, undefined), goTo('false'));
    assert.deepEqual(await decide({}, '25'), goTo('false'));
  });

  it('reads the count Increment Login Count keeps on the user', async () => {
    const t = await nodeTestServices({ users: [{ _id: 'u1', attributes: { userName: 'ann' }, meta: { loginCount: 2 } }] });
    const run = { config: { amount: 3 }, services: t.services, shared: { username: 'ann' } };
    assert.deepEqual((await runNode(loginCountDecisionNode, run)).action, goTo('false'));
    await runNode(incrementLoginCountNode, { services: t.services, shared: { username: 'ann' } });
    assert.deepEqual((await runNode(loginCountDecisionNode, run)).action, goTo('true'));
  });

  it('uses AM defaults (AT 25) and runs the same on re-entry with no callbacks', async () => {
    const t = await nodeTestServices({ users: [{ _id: 'u1', attributes: { userName: 'ann' }, meta: { loginCount: 25 } }] });
    const { action } = await runNode(loginCountDecisionNode, { services: t.services, shared: { username: 'ann' }, callbacks: [] });
    assert.deepEqual(action, goTo('true'));
  });

  it('refuses an amount below 1 and an unknown interval', async () => {
    await assert.rejects(runNode(loginCountDecisionNode, { config: { amount: 0 } }), /amount/);
    await assert.rejects(runNode(loginCountDecisionNode, { config: { interval: 'ONCE' } }), /interval/);
  });
});
