import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeTestServices } from '../../platform/testing/node-test-services.ts';
import { goTo } from '../engine/actions.ts';
import { runNode } from '../engine/node-testing.ts';
import { parseNodeConfig } from '../engine/parse-node-config.ts';
import { queryFilterDecisionNode } from './query-filter-decision-node.ts';

const SAMPLE = '!(/preferences pr) or /preferences/marketing eq false or /preferences/updates eq false';
const users = [
  { _id: 'u1', attributes: { userName: 'ann', preferences: { marketing: true, updates: true } } },
  { _id: 'u2', attributes: { userName: 'bob', preferences: { marketing: true, updates: false } } },
  { _id: 'u3', attributes: { userName: 'cy' } },
];

async function decide(username: string | undefined, queryFilter = SAMPLE) {
  const { action } = await runNode(queryFilterDecisionNode, { config: { queryFilter }, services: (await nodeTestServices({ users })).services, shared: username === undefined ? {} : { username } });
  return action;
}

describe('QueryFilterDecisionNode', () => {
  it('is true when the user matches the sample filter (missing or unset preferences)', async () => {
    assert.deepEqual(await decide('bob'), goTo('true'));
    assert.deepEqual(await decide('cy'), goTo('true'));
    assert.deepEqual(await decide('ann', '/_id eq "u1" and /userName sw "A"'), goTo('true'));
  });

  it('is false when the user does not match, is unknown or not identified', async () => {
    assert.deepEqual(await decide('ann'), goTo('false'));
    assert.deepEqual(await decide('dan'), goTo('false'));
    assert.deepEqual(await decide(undefined), goTo('false'));
  });

  it('runs the same on re-entry with no callbacks', async () => {
    const { action } = await runNode(queryFilterDecisionNode, { config: { queryFilter: SAMPLE }, services: (await nodeTestServices({ users })).services, shared: { username: 'bob' }, callbacks: [] });
    assert.deepEqual(action, goTo('true'));
  });

  it('refuses a filter that does not parse, or none, when the config is read (import time)', () => {
    for (const queryFilter of ['/preferences eq', '(', '', 42]) {
      const parsed = parseNodeConfig(queryFilterDecisionNode, { queryFilter });
      assert.equal(parsed.ok, false, String(queryFilter));
      assert.match(parsed.ok ? '' : parsed.errors.join(), /queryFilter/);
    }
    assert.equal(parseNodeConfig(queryFilterDecisionNode, {}).ok, false);
    assert.equal(parseNodeConfig(queryFilterDecisionNode, { queryFilter: SAMPLE }).ok, true);
  });
});
