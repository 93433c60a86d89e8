import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../engine/actions.ts';
import { confirmationCallback, textOutputCallback } from '../engine/callback-builders.ts';
import { runNode, sentCallbacks, submit } from '../engine/node-testing.ts';
import { messageNode } from './message-node.ts';

// As exported by Identity Cloud (platform-ui e2e fixture), `messageNo: {}` included.
const tryAgain = {
  _id: '77a360e9-0139-443b-b7a6-ede72b2371bd',
  _rev: '-1486156124',
  _type: { _id: 'MessageNode', collection: true, name: 'Message Node' },
  _outcomes: [{ displayName: 'True', id: 'true' }, { displayName: 'False', id: 'false' }],
  message: { en: 'User does not exist, please try again', fr: "L'utilisateur n'existe pas" },
  messageNo: {},
  messageYes: { en: 'Try again', fr: 'Réessayer' },
};

function expected(message: string, yes: string, no: string) {
  return [textOutputCallback(message, '0'), confirmationCallback({ prompt: '', messageType: 0, options: [yes, no], optionType: -1, defaultOption: 1 })];
}

describe('MessageNode', () => {
  it('sends the localized message with the yes/no confirmation, "No" when the map is empty', async () => {
    const { action } = await runNode(messageNode, { config: tryAgain, request: { locales: ['fr-FR'] } });
    assert.deepEqual(sentCallbacks(action), expected("L'utilisateur n'existe pas", 'Réessayer', 'No'));
  });

  it('uses the defaults of an unconfigured node', async () => {
    const { action } = await runNode(messageNode);
    assert.deepEqual(sentCallbacks(action), expected('Default message', 'Yes', 'No'));
  });

  it('goes to true for index 0 and false for index 1, storing the index in stateField', async () => {
    const sent = expected('m', 'Yes', 'No');
    const yes = await runNode(messageNode, { config: { ...tryAgain, stateField: 'answer' }, callbacks: submit(sent, [undefined, 0]) });
    assert.deepEqual(yes.action, goTo('true'));
    assert.deepEqual(yes.state.shared, { answer: 0 });
    const no = await runNode(messageNode, { config: { ...tryAgain, stateField: 'answer' }, callbacks: submit(sent, [undefined, 1]) });
    assert.deepEqual(no.action, goTo('false'));
    assert.deepEqual(no.state.shared, { answer: 1 });
    const unstored = await runNode(messageNode, { config: tryAgain, callbacks: submit(sent, [undefined, 1]) });
    assert.deepEqual(unstored.state.shared, {});
  });

  it('re-sends when its callbacks are missing (re-entry without values)', async () => {
    const { action } = await runNode(messageNode, { config: tryAgain, callbacks: [] });
    assert.deepEqual(sentCallbacks(action), expected('User does not exist, please try again', 'Try again', 'No'));
  });

  it('re-sends for an index out of range or of the wrong type, storing nothing', async () => {
    const sent = expected('m', 'Yes', 'No');
    for (const index of [2, -1, 0.5, '0', null, true]) {
      const { action, state } = await runNode(messageNode, { config: { ...tryAgain, stateField: 'answer' }, callbacks: submit(sent, [undefined, index]) });
      assert.equal(action.kind, 'send', `index ${String(index)}`);
      assert.deepEqual(state.shared, {});
    }
  });

  it('accepts a null stateField and rejects non-text messages', async () => {
    const { action } = await runNode(messageNode, { config: { ...tryAgain, stateField: null }, callbacks: submit(expected('m', 'Yes', 'No'), [undefined, 0]) });
    assert.deepEqual(action, goTo('true'));
    await assert.rejects(runNode(messageNode, { config: { message: { en: 3 } } }), /message\/en/);
  });
});
