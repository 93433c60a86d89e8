import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPasswordHasher } from '../../identity/password-hasher.ts';
import { nodeTestServices, TEST_ARGON2 } from '../../platform/testing/node-test-services.ts';
import type { NodeTestOptions } from '../../platform/testing/node-test-services.ts';
import { defaultKbaConfig } from '../../selfservice/kba/default-kba-config.ts';
import { createKbaAnswerHasher } from '../../selfservice/kba/kba-answer-hasher.ts';
import { KBA_CONFIG_ID } from '../../selfservice/kba/kba-config.ts';
import { goTo } from '../engine/actions.ts';
import { runNode } from '../engine/node-testing.ts';
import { kbaDecisionNode } from './kba-decision-node.ts';

// The default selfservice.kba asks users to define two questions.
const answers = createKbaAnswerHasher(createPasswordHasher(TEST_ARGON2));
const color = { questionId: '1', answer: await answers.hash('blue') };
const employer = { questionId: '2', answer: await answers.hash('ACME') };
const pet = { customQuestion: 'Pet?', answer: await answers.hash('Rex') };

async function decide(kbaInfo: unknown, shared: Record<string, unknown> = { username: 'ann' }, options: NodeTestOptions & { callbacks?: [] } = {}) {
  const { callbacks, ...testOptions } = options;
  const t = await nodeTestServices({ users: [{ _id: 'u1', attributes: { userName: 'ann', kbaInfo } }], ...testOptions });
  return (await runNode(kbaDecisionNode, { services: t.services, shared, ...(callbacks ? { callbacks } : {}) })).action;
}

describe('KbaDecisionNode', () => {
  it('is true when the user defined at least minimumAnswersToDefine questions', async () => {
    assert.deepEqual(await decide([color, employer]), goTo('true'));
    assert.deepEqual(await decide([color, employer, pet]), goTo('true'));
  });

  it('is false with fewer, none, or without a user', async () => {
    assert.deepEqual(await decide([color]), goTo('false'));
    assert.deepEqual(await decide(undefined), goTo('false'));
    assert.deepEqual(await decide([color, employer], {}), goTo('false'));
  });

  it('follows the realm settings: the minimum and the property holding the answers', async () => {
    const three = { configs: { [KBA_CONFIG_ID]: { ...defaultKbaConfig(), minimumAnswersToDefine: 3 } } };
    assert.deepEqual(await decide([color, employer], { username: 'ann' }, three), goTo('false'));
    assert.deepEqual(await decide([color, employer, pet], { username: 'ann' }, three), goTo('true'));
    const renamed = { configs: { [KBA_CONFIG_ID]: { ...defaultKbaConfig(), kbaPropertyName: 'securityAnswers' } } };
    assert.deepEqual(await decide([color, employer], { username: 'ann' }, renamed), goTo('false'), 'kbaInfo is not where this realm keeps answers');
  });

  it('runs the same on re-entry with no callbacks', async () => {
    assert.deepEqual(await decide([color, employer], { username: 'ann' }, { callbacks: [] }), goTo('true'));
  });

  it('reads a malformed stored value as no questions, and refuses an empty identityAttribute', async () => {
    assert.deepEqual(await decide({ 0: color, 1: employer }), goTo('false'));
    await assert.rejects(runNode(kbaDecisionNode, { config: { identityAttribute: '' } }), /identityAttribute/);
  });
});
