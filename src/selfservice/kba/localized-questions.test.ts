/** Question texts in the request's language, and chosen texts mapped back to question ids. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localizedQuestions, questionIdOf } from './localized-questions.ts';

const QUESTIONS = {
  '1': { en: "What's your favorite color?", en_GB: "What's your favourite colour?", fr: 'Quelle est votre couleur préférée ?' },
  '2': { en: 'Who was your first employer?' },
  '3': { nl: 'Wat is uw lievelingsdier?', de: 'Was ist Ihr Lieblingstier?' },
};

describe('localized questions', () => {
  it('picks the best request locale, then its language, then en, then the first text', () => {
    assert.deepEqual(localizedQuestions(QUESTIONS, ['fr-BE', 'en']), [
      { id: '1', text: 'Quelle est votre couleur préférée ?' },
      { id: '2', text: 'Who was your first employer?' },
      { id: '3', text: 'Wat is uw lievelingsdier?' },
    ]);
    assert.equal(localizedQuestions(QUESTIONS, ['en-GB'])[0]?.text, "What's your favourite colour?");
    assert.equal(localizedQuestions(QUESTIONS, ['de'])[2]?.text, 'Was ist Ihr Lieblingstier?');
    assert.equal(localizedQuestions(QUESTIONS, [])[0]?.text, "What's your favorite color?");
  });

  it('maps a chosen text in any locale back to its id, ignoring case and punctuation', () => {
    assert.equal(questionIdOf(QUESTIONS, 'whats your FAVOURITE colour'), '1');
    assert.equal(questionIdOf(QUESTIONS, 'Quelle est votre couleur préférée?'), '1');
    assert.equal(questionIdOf(QUESTIONS, 'Who was your first employer?'), '2');
    assert.equal(questionIdOf(QUESTIONS, 'What is your mother’s maiden name?'), undefined);
  });
});
