import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../engine/actions.ts';
import { passwordCallback } from '../engine/callback-builders.ts';
import { fakeKbaHash, fakeServices, runNode, sentCallbacks, submit, TEST_NODE_ID } from '../engine/node-testing.ts';
import type { FakeServicesOptions, FakeUser } from '../engine/node-testing.ts';
import { KBA_LOCKED_MESSAGE, kbaQuestionsKey, kbaVerifyNode } from './kba-verify-node.ts';

const COLOR = "What's your favorite color?";
const key = kbaQuestionsKey(TEST_NODE_ID);
const ann = (kbaInfo: unknown, extra: Partial<FakeUser> = {}): FakeUser => ({ _id: 'u1', attributes: { userName: 'ann', kbaInfo }, ...extra });
const twoAnswers = [{ questionId: '1', answer: fakeKbaHash('blue') }, { customQuestion: 'Pet?', answer: fakeKbaHash('Rex') }];
const shared = { username: 'ann' };

function services(user: FakeUser, options: FakeServicesOptions = {}) {
  return fakeServices({ users: [user], kba: { minimumAnswersToDefine: 2, minimumAnswersToVerify: 2 }, ...options });
}

describe('KbaVerifyNode', () => {
  it('asks every question in order when there are no more than needed, keeping them in node state', async () => {
    const { action, state } = await runNode(kbaVerifyNode, { services: services(ann(twoAnswers)), shared, request: { locales: ['fr'] } });
    assert.deepEqual(sentCallbacks(action), [passwordCallback('Quelle est votre couleur préférée ?'), passwordCallback('Pet?')]);
    assert.deepEqual(state.shared[key], [0, 1]);
  });

  it('is true when every answer matches (case and spaces aside), resets the counter and forgets the questions', async () => {
    const fakes = services(ann(twoAnswers, { kbaFailures: 2 }));
    const callbacks = submit([passwordCallback(COLOR), passwordCallback('Pet?')], [' BLUE ', 'rex']);
    const { action, state } = await runNode(kbaVerifyNode, { services: fakes, shared: { ...shared, [key]: [0, 1] }, callbacks });
    assert.deepEqual(action, goTo('true'));
    assert.equal(state.shared[key], undefined);
    assert.equal(fakes.users[0]?.kbaFailures, 0);
  });

  it('is false on a wrong answer and counts a failure; false with the lockout message once attempts are used up', async () => {
    const fakes = services(ann(twoAnswers, { kbaFailures: 1 }), { kba: { minimumAnswersToDefine: 2, minimumAnswersToVerify: 2, numberOfAttemptsAllowed: 3 } });
    const wrong = submit([passwordCallback(COLOR), passwordCallback('Pet?')], ['blue', 'Tom']);
    const first = await runNode(kbaVerifyNode, { services: fakes, shared: { ...shared, [key]: [0, 1] }, callbacks: wrong });
    assert.deepEqual(first.action, goTo('false'));
    assert.equal(first.state.shared[key], undefined);
    const second = await runNode(kbaVerifyNode, { services: fakes, shared: { ...shared, [key]: [0, 1] }, callbacks: wrong });
    assert.deepEqual(second.action, goTo('false', { errorMessage: KBA_LOCKED_MESSAGE }));
    const after = await runNode(kbaVerifyNode, { services: fakes, shared });
    assert.deepEqual(after.action, goTo('false', { errorMessage: KBA_LOCKED_MESSAGE }), 'a locked user is not asked again');
    assert.equal(fakes.users[0]?.kbaFailures, 3);
  });

  it('picks a random subset when the user defined more, and asks the same ones on re-entry without values', async () => {
    const three = [...twoAnswers, { customQuestion: 'Town?', answer: fakeKbaHash('Gent') }];
    const fakes = fakeServices({ users: [ann(three)], kba: { minimumAnswersToDefine: 1, minimumAnswersToVerify: 2 } });
    const first = await runNode(kbaVerifyNode, { services: fakes, shared });
    const chosen = first.state.shared[key];
    assert.ok(Array.isArray(chosen) && chosen.length === 2 && chosen[0] < chosen[1] && chosen[1] < 3, JSON.stringify(chosen));
    const again = await runNode(kbaVerifyNode, { services: fakes, shared: first.state.shared, callbacks: [] });
    assert.deepEqual(sentCallbacks(again.action), sentCallbacks(first.action));
    assert.deepEqual(again.state.shared[key], chosen);
  });

  it('re-sends without counting a failure when an answer is empty or not a string', async () => {
    const fakes = services(ann(twoAnswers));
    for (const values of [['', 'Rex'], [42, 'Rex']]) {
      const { action } = await runNode(kbaVerifyNode, { services: fakes, shared: { ...shared, [key]: [0, 1] }, callbacks: submit([passwordCallback(COLOR), passwordCallback('Pet?')], values) });
      assert.deepEqual(sentCallbacks(action), [passwordCallback(COLOR), passwordCallback('Pet?')]);
    }
    assert.equal(fakes.users[0]?.kbaFailures, undefined);
  });

  it('is false without a user, or with fewer usable answers than the realm requires', async () => {
    assert.deepEqual((await runNode(kbaVerifyNode, { services: services(ann(twoAnswers)) })).action, goTo('false'));
    for (const kbaInfo of [undefined, 'x', [twoAnswers[0]], [twoAnswers[0], { questionId: '9', answer: {} }]]) {
      const { action } = await runNode(kbaVerifyNode, { services: services(ann(kbaInfo)), shared });
      assert.deepEqual(action, goTo('false'), JSON.stringify(kbaInfo));
    }
    const none = await runNode(kbaVerifyNode, { services: fakeServices({ users: [ann(twoAnswers)], kba: { minimumAnswersToVerify: 0 } }), shared });
    assert.deepEqual(none.action, goTo('false'));
    await assert.rejects(runNode(kbaVerifyNode, { config: { kbaInfoAttribute: '' } }), /kbaInfoAttribute/);
  });
});
