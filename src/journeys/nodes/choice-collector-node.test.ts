import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../engine/actions.ts';
import { choiceCallback } from '../engine/callback-builders.ts';
import { outcomesOf } from '../engine/define-node.ts';
import { runNode, sentCallbacks, submit } from '../engine/node-testing.ts';
import { parseNodeConfig } from '../engine/parse-node-config.ts';
import { choiceCollectorNode } from './choice-collector-node.ts';
import { anyNode } from './registry.ts';

const config = { choices: ['email', 'sms', 'voice'], defaultChoice: 'sms', prompt: 'How should we reach you?' };
const sent = [choiceCallback('How should we reach you?', ['email', 'sms', 'voice'], 1)];

describe('ChoiceCollectorNode', () => {
  it('sends a ChoiceCallback with the default choice selected', async () => {
    const { action } = await runNode(choiceCollectorNode, { config });
    assert.deepEqual(sentCallbacks(action), sent);
  });

  it('goes to the outcome named by the chosen index, for each choice', async () => {
    for (const [index, choice] of config.choices.entries()) {
      const { action } = await runNode(choiceCollectorNode, { config, callbacks: submit(sent, [index]) });
      assert.deepEqual(action, goTo(choice));
    }
  });

  it('has one outcome per choice', () => {
    const parsed = parseNodeConfig(choiceCollectorNode, config);
    assert.ok(parsed.ok);
    assert.deepEqual(outcomesOf(anyNode(choiceCollectorNode), parsed.config), ['email', 'sms', 'voice']);
  });

  it('takes a single choice without asking', async () => {
    const { action } = await runNode(choiceCollectorNode, { config: { choices: ['only'] } });
    assert.deepEqual(action, goTo('only'));
  });

  it('re-sends on re-entry without values, selecting the first choice when the default is unknown', async () => {
    const { action } = await runNode(choiceCollectorNode, { config: { ...config, defaultChoice: 'pigeon' }, callbacks: [] });
    assert.deepEqual(sentCallbacks(action), [choiceCallback('How should we reach you?', ['email', 'sms', 'voice'], 0)]);
  });

  it('re-sends for an index out of range or of the wrong type', async () => {
    for (const index of [3, -1, 1.5, '1', null]) {
      const { action } = await runNode(choiceCollectorNode, { config, callbacks: submit(sent, [index]) });
      assert.deepEqual(sentCallbacks(action), sent, `index ${String(index)}`);
    }
  });

  it('rejects configs without choices, with empty or duplicate choices', () => {
    for (const raw of [{}, { choices: [] }, { choices: ['a', ''] }, { choices: ['a', 'a'] }, { choices: 'a' }]) {
      assert.equal(parseNodeConfig(choiceCollectorNode, raw).ok, false, JSON.stringify(raw));
    }
  });
});
