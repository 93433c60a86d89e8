import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeTestServices } from '../../platform/testing/node-test-services.ts';
import type { NodeTestServices } from '../../platform/testing/node-test-services.ts';
import { goTo } from '../engine/actions.ts';
import { runNode, TEST_NODE_ID } from '../engine/node-testing.ts';
import { parseNodeConfig } from '../engine/parse-node-config.ts';
import { retryCountKey, retryLimitDecisionNode } from './retry-limit-decision-node.ts';

const key = retryCountKey(TEST_NODE_ID);
const sharedOnly = { retryLimit: 2, incrementUserAttributeOnFailure: false };
const bob = { userName: 'bob', givenName: 'Bob', sn: 'Smith', mail: 'bob@example.com' };

async function storedCounts(t: NodeTestServices): Promise<unknown> {
  return (await t.stored('u1'))?.data['retryLimitNodeCount'];
}

describe('RetryLimitDecisionNode', () => {
  it('keeps its counter under "<nodeId>.retryCount"', () => {
    assert.equal(retryCountKey('abc'), 'abc.retryCount');
  });

  it('goes to Retry while the shared count is below the limit, counting each pass', async () => {
    const first = await runNode(retryLimitDecisionNode, { config: sharedOnly });
    assert.deepEqual(first.action, goTo('Retry'));
    assert.deepEqual(first.state.shared, { [key]: 1 });
    const second = await runNode(retryLimitDecisionNode, { config: sharedOnly, shared: first.state.shared });
    assert.deepEqual(second.action, goTo('Retry'));
    assert.deepEqual(second.state.shared, { [key]: 2 });
  });

  it('goes to Reject once the limit is reached', async () => {
    const { action, state } = await runNode(retryLimitDecisionNode, { config: sharedOnly, shared: { [key]: 2 } });
    assert.deepEqual(action, goTo('Reject'));
    assert.deepEqual(state.shared, { [key]: 2 });
  });

  it('keeps the count on the identified user so that a new journey does not reset it', async () => {
    const t = await nodeTestServices({ users: [{ _id: 'u1', attributes: { ...bob, retryLimitNodeCount: ['other-node=1'] } }] });
    const first = await runNode(retryLimitDecisionNode, { services: t.services, shared: { _id: 'u1' } });
    assert.deepEqual(first.action, goTo('Retry'));
    assert.deepEqual(await storedCounts(t), ['other-node=1', `${TEST_NODE_ID}=1`]);
    await runNode(retryLimitDecisionNode, { services: t.services, shared: { _id: 'u1' } });
    await runNode(retryLimitDecisionNode, { services: t.services, shared: { _id: 'u1' } });
    assert.deepEqual(await storedCounts(t), ['other-node=1', `${TEST_NODE_ID}=3`]);
    const rejected = await runNode(retryLimitDecisionNode, { services: t.services, shared: { _id: 'u1' } });
    assert.deepEqual(rejected.action, goTo('Reject'));
    assert.deepEqual(await storedCounts(t), ['other-node=1'], 'Reject clears only this node');
  });

  it('keeps the count on a user whose profile lacks a schema-required attribute: the counter is not profile data', async () => {
    // e.g. an account created before the administrator made `sn` required: retrying must not turn into an error.
    const t = await nodeTestServices({ users: [{ _id: 'u1', attributes: { userName: 'bob', mail: 'bob@example.com' } }] });
    const first = await runNode(retryLimitDecisionNode, { services: t.services, config: { retryLimit: 1 }, shared: { _id: 'u1' } });
    assert.deepEqual(first.action, goTo('Retry'));
    assert.deepEqual(await storedCounts(t), [`${TEST_NODE_ID}=1`]);
    const second = await runNode(retryLimitDecisionNode, { services: t.services, config: { retryLimit: 1 }, shared: { _id: 'u1' } });
    assert.deepEqual(second.action, goTo('Reject'));
    assert.deepEqual(await storedCounts(t), []);
  });

  it('uses the shared counter when no user is identified, or when saving to the user is off', async () => {
    const t = await nodeTestServices({ users: [{ _id: 'u1', attributes: bob }] });
    const anonymous = await runNode(retryLimitDecisionNode, { services: t.services, shared: { [key]: 1 } });
    assert.deepEqual(anonymous.action, goTo('Retry'));
    assert.deepEqual(anonymous.state.shared, { [key]: 2 });
    const off = await runNode(retryLimitDecisionNode, { services: t.services, config: { incrementUserAttributeOnFailure: false }, shared: { _id: 'u1', [key]: 3 } });
    assert.deepEqual(off.action, goTo('Reject'));
    assert.deepEqual(t.callNames(), [], 'the user is never read nor patched');
    assert.equal(await storedCounts(t), undefined);
  });

  it('counts again on re-entry without values (one pass per run)', async () => {
    const first = await runNode(retryLimitDecisionNode, { config: sharedOnly, callbacks: [] });
    const again = await runNode(retryLimitDecisionNode, { config: sharedOnly, callbacks: [], shared: first.state.shared });
    assert.deepEqual(again.state.shared, { [key]: 2 });
  });

  it('treats unreadable counters as 0 and rejects a limit below 1', async () => {
    for (const stored of ['2', -4, 1.5, null]) {
      const { action, state } = await runNode(retryLimitDecisionNode, { config: sharedOnly, shared: { [key]: stored } });
      assert.deepEqual(action, goTo('Retry'), `counter ${String(stored)}`);
      assert.equal(state.shared[key], 1);
    }
    const t = await nodeTestServices({ users: [{ _id: 'u1', attributes: { ...bob, retryLimitNodeCount: [`${TEST_NODE_ID}=x`, 5] } }] });
    const { action } = await runNode(retryLimitDecisionNode, { services: t.services, shared: { _id: 'u1' } });
    assert.deepEqual(action, goTo('Retry'));
    assert.deepEqual(await storedCounts(t), [`${TEST_NODE_ID}=1`]);
    for (const retryLimit of [0, -1, 2.5, '3']) {
      assert.equal(parseNodeConfig(retryLimitDecisionNode, { retryLimit }).ok, false, `retryLimit ${String(retryLimit)}`);
    }
  });
});
