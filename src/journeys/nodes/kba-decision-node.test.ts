import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../engine/actions.ts';
import { fakeServices, runNode } from '../engine/node-testing.ts';
import { kbaDecisionNode } from './kba-decision-node.ts';

const entry = { questionId: '1', answer: {} };

async function decide(kbaInfo: unknown, shared: Record<string, unknown> = { username: 'ann' }, callbacks?: []) {
  const services = fakeServices({ users: [{ _id: 'u1', attributes: { userName: 'ann', kbaInfo } }], kba: { minimumAnswersToDefine: 2 } });
  return (await runNode(kbaDecisionNode, { services, shared, ...(callbacks ? { callbacks } : {}) })).action;
}

describe('KbaDecisionNode', () => {
  it('is true when the user defined at least minimumAnswersToDefine questions', async () => {
    assert.deepEqual(await decide([entry, entry]), goTo('true'));
    assert.deepEqual(await decide([entry, entry, entry]), goTo('true'));
  });

  it('is false with fewer, none, or without a user', async () => {
    assert.deepEqual(await decide([entry]), goTo('false'));
    assert.deepEqual(await decide(undefined), goTo('false'));
    assert.deepEqual(await decide([entry, entry], {}), goTo('false'));
  });

  it('runs the same on re-entry with no callbacks', async () => {
    assert.deepEqual(await decide([entry, entry], { username: 'ann' }, []), goTo('true'));
  });

  it('reads a malformed stored value as no questions, and refuses an empty identityAttribute', async () => {
    assert.deepEqual(await decide({ 0: entry, 1: entry }), goTo('false'));
    await assert.rejects(runNode(kbaDecisionNode, { config: { identityAttribute: '' } }), /identityAttribute/);
  });
});
