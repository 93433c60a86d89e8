import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPasswordHasher } from '../../identity/password-hasher.ts';
import { nodeTestServices, TEST_ARGON2 } from '../../platform/testing/node-test-services.ts';
import type { NodeTestServices } from '../../platform/testing/node-test-services.ts';
import { defaultKbaConfig } from '../../selfservice/kba/default-kba-config.ts';
import { createKbaAnswerHasher } from '../../selfservice/kba/kba-answer-hasher.ts';
import type { KbaConfig } from '../../selfservice/kba/kba-config.ts';
import { KBA_CONFIG_ID } from '../../selfservice/kba/kba-config.ts';
import { goTo } from '../engine/actions.ts';
import { passwordCallback } from '../engine/callback-builders.ts';
import { runNode, sentCallbacks, submit, TEST_NODE_ID } from '../engine/node-testing.ts';
import { KBA_LOCKED_MESSAGE, kbaQuestionsKey, kbaVerifyNode } from './kba-verify-node.ts';

const RESOURCE = 'managed/alpha_user';
const COLOR = "What's your favorite color?";
const key = kbaQuestionsKey(TEST_NODE_ID);
const shared = { username: 'ann' };
const asked = [passwordCallback(COLOR), passwordCallback('Pet?')];

/** Answers as the identity service stores them: normalized, argon2id in IDM's `$crypto` envelope. */
const answers = createKbaAnswerHasher(createPasswordHasher(TEST_ARGON2));
const twoAnswers = [
  { questionId: '1', answer: await answers.hash('blue') },
  { customQuestion: 'Pet?', answer: await answers.hash('Rex') },
];

/** The default `selfservice.kba` (question 1 also in French) asking for two answers, with `kba` over it. */
function kbaConfig(kba: Partial<KbaConfig> = {}): Record<string, unknown> {
  const defaults = defaultKbaConfig();
  const questions = { ...defaults.questions, '1': { en: COLOR, fr: 'Quelle est votre couleur préférée ?' } };
  return { [KBA_CONFIG_ID]: { ...defaults, questions, minimumAnswersToDefine: 2, minimumAnswersToVerify: 2, ...kba } };
}

function services(kbaInfo: unknown, kba: Partial<KbaConfig> = {}): Promise<NodeTestServices> {
  return nodeTestServices({ users: [{ _id: 'u1', attributes: { userName: 'ann', kbaInfo } }], configs: kbaConfig(kba) });
}

async function failTimes(t: NodeTestServices, times: number): Promise<void> {
  for (let count = 0; count < times; count++) await t.services.kba.recordFailure(RESOURCE, 'u1');
}

describe('KbaVerifyNode', () => {
  it('asks every question in order when there are no more than needed, keeping them in node state', async () => {
    const t = await services(twoAnswers);
    const { action, state } = await runNode(kbaVerifyNode, { services: t.services, shared, request: { locales: ['fr'] } });
    assert.deepEqual(sentCallbacks(action), [passwordCallback('Quelle est votre couleur préférée ?'), passwordCallback('Pet?')]);
    assert.deepEqual(state.shared[key], [0, 1]);
  });

  it('is true when every answer matches (case and spaces aside), resets the counter and forgets the questions', async () => {
    const t = await services(twoAnswers);
    await failTimes(t, 2);
    const { action, state } = await runNode(kbaVerifyNode, { services: t.services, shared: { ...shared, [key]: [0, 1] }, callbacks: submit(asked, [' BLUE ', 'rex']) });
    assert.deepEqual(action, goTo('true'));
    assert.equal(state.shared[key], undefined);
    assert.equal(await t.services.kba.recordFailure(RESOURCE, 'u1'), false, 'the count starts again: one failure of three');
  });

  it('is false on a wrong answer and counts a failure; false with the lockout message once attempts are used up', async () => {
    const t = await services(twoAnswers, { numberOfAttemptsAllowed: 3 });
    await failTimes(t, 1);
    const wrong = submit(asked, ['blue', 'Tom']);
    const first = await runNode(kbaVerifyNode, { services: t.services, shared: { ...shared, [key]: [0, 1] }, callbacks: wrong });
    assert.deepEqual(first.action, goTo('false'));
    assert.equal(first.state.shared[key], undefined);
    assert.equal(await t.services.kba.isLocked(RESOURCE, 'u1'), false);
    const second = await runNode(kbaVerifyNode, { services: t.services, shared: { ...shared, [key]: [0, 1] }, callbacks: wrong });
    assert.deepEqual(second.action, goTo('false', { errorMessage: KBA_LOCKED_MESSAGE }));
    assert.equal(await t.services.kba.isLocked(RESOURCE, 'u1'), true);
    const after = await runNode(kbaVerifyNode, { services: t.services, shared: { ...shared, [key]: [0, 1] }, callbacks: submit(asked, ['blue', 'Rex']) });
    assert.deepEqual(after.action, goTo('false', { errorMessage: KBA_LOCKED_MESSAGE }), 'a locked user is refused even with the right answers');
    const asking = await runNode(kbaVerifyNode, { services: t.services, shared });
    assert.deepEqual(asking.action, goTo('false', { errorMessage: KBA_LOCKED_MESSAGE }), 'a locked user is not asked again');
  });

  it('picks a random subset when the user defined more, and asks the same ones on re-entry without values', async () => {
    const three = [...twoAnswers, { customQuestion: 'Town?', answer: await answers.hash('Gent') }];
    const t = await services(three);
    const first = await runNode(kbaVerifyNode, { services: t.services, shared });
    const chosen = first.state.shared[key];
    assert.ok(Array.isArray(chosen) && chosen.length === 2 && chosen[0] < chosen[1] && chosen[1] < 3, JSON.stringify(chosen));
    const again = await runNode(kbaVerifyNode, { services: t.services, shared: first.state.shared, callbacks: [] });
    assert.deepEqual(sentCallbacks(again.action), sentCallbacks(first.action));
    assert.deepEqual(again.state.shared[key], chosen);
  });

  it('re-sends without counting a failure when an answer is empty or not a string', async () => {
    const t = await services(twoAnswers, { numberOfAttemptsAllowed: 1 });
    for (const values of [['', 'Rex'], [42, 'Rex']]) {
      const { action } = await runNode(kbaVerifyNode, { services: t.services, shared: { ...shared, [key]: [0, 1] }, callbacks: submit(asked, values) });
      assert.deepEqual(sentCallbacks(action), asked);
    }
    assert.equal(await t.services.kba.isLocked(RESOURCE, 'u1'), false, 'one counted failure would have locked');
  });

  it('is false without a user, or with fewer usable answers than the realm requires', async () => {
    assert.deepEqual((await runNode(kbaVerifyNode, { services: (await services(twoAnswers)).services })).action, goTo('false'));
    const [color] = twoAnswers;
    for (const kbaInfo of [undefined, 'x', [color], [color, { questionId: '9', answer: await answers.hash('nine') }], [color, { customQuestion: 'Pet?' }]]) {
      const { action } = await runNode(kbaVerifyNode, { services: (await services(kbaInfo)).services, shared });
      assert.deepEqual(action, goTo('false'), JSON.stringify(kbaInfo));
    }
    const none = await runNode(kbaVerifyNode, { services: (await services(twoAnswers, { minimumAnswersToVerify: 0 })).services, shared });
    assert.deepEqual(none.action, goTo('false'));
    await assert.rejects(runNode(kbaVerifyNode, { config: { kbaInfoAttribute: '' } }), /kbaInfoAttribute/);
  });
});
