import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../engine/actions.ts';
import { fakeServices, runNode } from '../engine/node-testing.ts';
import { profileCompleteness, profileCompletenessDecisionNode } from './profile-completeness-decision-node.ts';

const editable = { viewable: true, userEditable: true, type: 'string' };
const schema = {
  givenName: editable,
  sn: editable,
  city: editable,
  phones: { ...editable, type: 'array' },
  accountStatus: { viewable: true, userEditable: false, type: 'string' },
  password: { viewable: false, userEditable: true, type: 'string' },
};
const users = [{ _id: 'u1', attributes: { userName: 'ann', givenName: 'Ann', sn: ' ', phones: ['1'], accountStatus: 'active', password: 'x' } }];

async function decide(threshold: number, shared: Record<string, unknown> = { username: 'ann' }) {
  return (await runNode(profileCompletenessDecisionNode, { config: { threshold }, services: fakeServices({ users, schema }), shared })).action;
}

describe('ProfileCompletenessDecisionNode', () => {
  it('counts only viewable, user-editable properties that hold a value', () => {
    assert.equal(profileCompleteness(schema, users[0]?.attributes ?? {}), 50);
    assert.equal(profileCompleteness({}, {}), 100);
  });

  it('is true when completeness is above the threshold', async () => {
    assert.deepEqual(await decide(49), goTo('true'));
  });

  it('is false at or below the threshold, or without a user', async () => {
    assert.deepEqual(await decide(50), goTo('false'));
    assert.deepEqual(await decide(0, {}), goTo('false'));
  });

  it('runs the same on re-entry with no callbacks', async () => {
    const { action } = await runNode(profileCompletenessDecisionNode, { config: { threshold: 10 }, services: fakeServices({ users, schema }), shared: { username: 'ann' }, callbacks: [] });
    assert.deepEqual(action, goTo('true'));
  });

  it('requires a threshold between 0 and 100', async () => {
    for (const config of [{}, { threshold: 101 }, { threshold: -1 }, { threshold: '50' }]) {
      await assert.rejects(runNode(profileCompletenessDecisionNode, { config }), /threshold/);
    }
  });
});
