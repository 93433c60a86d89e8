/** How the soak answers the steps of the default alpha journeys. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerCallbacks, type WireCallback } from './answer-callbacks.ts';

const input = (...names: string[]) => names.map((name) => ({ name, value: '' as unknown }));

describe('answering a journey step', () => {
  it('fills a registration page: name, attributes by name, preferences, password, two different questions, terms', () => {
    const callbacks: WireCallback[] = [
      { type: 'ValidatedCreateUsernameCallback', input: input('IDToken1', 'IDToken1validateOnly') },
      { type: 'StringAttributeInputCallback', output: [{ name: 'name', value: 'mail' }], input: input('IDToken2') },
      { type: 'BooleanAttributeInputCallback', output: [{ name: 'name', value: 'preferences/updates' }], input: input('IDToken3') },
      { type: 'ValidatedCreatePasswordCallback', input: input('IDToken4') },
      { type: 'KbaCreateCallback', output: [{ name: 'predefinedQuestions', value: ['Q1', 'Q2'] }], input: input('IDToken5question', 'IDToken5answer') },
      { type: 'KbaCreateCallback', output: [{ name: 'predefinedQuestions', value: ['Q1', 'Q2'] }], input: input('IDToken6question', 'IDToken6answer') },
      { type: 'TermsAndConditionsCallback', input: input('IDToken7') },
    ];
    assert.equal(answerCallbacks(callbacks, { userName: 'ann', password: 'Pw-1', attributes: { mail: 'ann@example.com' } }), undefined);
    assert.deepEqual(
      callbacks.map((callback) => callback.input?.map((entry) => entry.value)),
      [['ann', ''], ['ann@example.com'], [true], ['Pw-1'], ['Q1', 'answer 1'], ['Q2', 'answer 2'], [true]],
    );
  });

  it('names the callback it cannot answer instead of sending a guess', () => {
    assert.equal(answerCallbacks([{ type: 'PasswordCallback', input: input('IDToken1') }], { userName: 'ann' }), 'PasswordCallback');
    assert.equal(answerCallbacks([{ type: 'StringAttributeInputCallback', output: [{ name: 'name', value: 'city' }], input: input('IDToken1') }], { attributes: {} }), 'StringAttributeInputCallback');
    assert.equal(answerCallbacks([{ type: 'ChoiceCallback', input: input('IDToken1') }], {}), 'ChoiceCallback');
    assert.equal(answerCallbacks([{ type: 'SuspendedTextOutputCallback', output: [] }], {}), undefined, 'an output-only callback needs nothing');
  });
});
