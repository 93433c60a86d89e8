import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeTestServices } from '../../platform/testing/node-test-services.ts';
import { goTo } from '../engine/actions.ts';
import { runNode } from '../engine/node-testing.ts';
import { attributePresentDecisionNode } from './attribute-present-decision-node.ts';

const users = [
  { _id: 'u1', attributes: { userName: 'ann', kbaInfo: [{ questionId: '1', answer: {} }], preferences: { updates: false } }, password: 'pw' },
  { _id: 'u2', attributes: { userName: 'bob', kbaInfo: [], preferences: { updates: null } } },
];

async function decide(username: string | undefined, presentAttribute?: string) {
  const config = presentAttribute === undefined ? {} : { presentAttribute };
  return (await runNode(attributePresentDecisionNode, { config, services: (await nodeTestServices({ users })).services, shared: username === undefined ? {} : { username } })).action;
}

describe('AttributePresentDecisionNode', () => {
  it('is true when the user has a password (default), KBA answers or a nested value, false included', async () => {
    assert.deepEqual(await decide('ann'), goTo('true'));
    assert.deepEqual(await decide('ann', 'kbaInfo'), goTo('true'));
    assert.deepEqual(await decide('ann', '/preferences/updates'), goTo('true'));
  });

  it('is false without a password, with an empty array, null or missing value, or without a user', async () => {
    assert.deepEqual(await decide('bob'), goTo('false'));
    assert.deepEqual(await decide('bob', 'kbaInfo'), goTo('false'));
    assert.deepEqual(await decide('bob', 'preferences/updates'), goTo('false'));
    assert.deepEqual(await decide('ann', 'mail'), goTo('false'));
    assert.deepEqual(await decide('nobody'), goTo('false'));
    assert.deepEqual(await decide(undefined), goTo('false'));
  });

  it('finds the user through a top-level shared value of the identity attribute (Get Session Data) on re-entry', async () => {
    const { action } = await runNode(attributePresentDecisionNode, { services: (await nodeTestServices({ users })).services, shared: { userName: 'ann' }, callbacks: [] });
    assert.deepEqual(action, goTo('true'));
  });

  it('refuses an empty attribute name', async () => {
    await assert.rejects(runNode(attributePresentDecisionNode, { config: { presentAttribute: '' } }), /presentAttribute/);
  });
});
