import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeTestServices } from '../../platform/testing/node-test-services.ts';
import { goTo } from '../engine/actions.ts';
import { runNode } from '../engine/node-testing.ts';
import { timeSinceDecisionNode } from './time-since-decision-node.ts';

const now = Date.UTC(2025, 0, 1, 12, 0);
const users = [
  { _id: 'u1', attributes: { userName: 'ann' }, meta: { createDate: '2025-01-01T11:00:00.000Z' } },
  { _id: 'u2', attributes: { userName: 'bob' }, meta: {} },
];

async function decide(elapsedTime: unknown, username = 'ann') {
  const t = await nodeTestServices({ users, now });
  return (await runNode(timeSinceDecisionNode, { config: { elapsedTime }, services: t.services, shared: { username } })).action;
}

describe('TimeSinceDecisionNode', () => {
  it('is true when at least that many minutes passed since creation (number or string)', async () => {
    assert.deepEqual(await decide(60), goTo('true'));
    assert.deepEqual(await decide('59'), goTo('true'));
  });

  it('is false when less time passed, or without a creation date or user', async () => {
    assert.deepEqual(await decide(61), goTo('false'));
    assert.deepEqual(await decide(0, 'bob'), goTo('false'));
    assert.deepEqual(await decide(0, 'nobody'), goTo('false'));
  });

  it('counts from the creation date the identity service records, on its clock', async () => {
    const t = await nodeTestServices({ now });
    await t.identity.createUser('alpha_user', { userName: 'cy', givenName: 'Cy', sn: 'Young', mail: 'cy@example.com' });
    const run = { config: { elapsedTime: 60 }, services: t.services, shared: { username: 'cy' } };
    assert.deepEqual((await runNode(timeSinceDecisionNode, run)).action, goTo('false'));
    t.clock.advance(60 * 60_000);
    assert.deepEqual((await runNode(timeSinceDecisionNode, run)).action, goTo('true'));
  });

  it('runs the same on re-entry with no callbacks', async () => {
    const t = await nodeTestServices({ users, now });
    const { action } = await runNode(timeSinceDecisionNode, { config: { elapsedTime: 1 }, services: t.services, shared: { username: 'ann' }, callbacks: [] });
    assert.deepEqual(action, goTo('true'));
  });

  it('requires a whole number of minutes', async () => {
    for (const elapsedTime of [undefined, -1, '1 day', 1.5]) {
      await assert.rejects(runNode(timeSinceDecisionNode, { config: elapsedTime === undefined ? {} : { elapsedTime } }), /elapsedTime/);
    }
  });
});
