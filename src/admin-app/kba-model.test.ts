/**
 * The Security questions section's model: the form read from a hostile answer, the edits, the
 * document it saves (fields it does not edit kept, typed numbers as numbers, anything else as
 * typed for the server to explain), and the input a server's `detail.field` points at.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inputOfField, kbaBody, kbaFormOf, kbaLocaleProblem, nextQuestionId, questionBlockId, textInputId, withLocale, withoutLocale, withoutQuestion, withQuestion, withText } from './kba-model.ts';

const STORED = {
  _id: 'selfservice.kba',
  kbaPropertyName: 'kbaInfo',
  minimumAnswersToDefine: 2,
  minimumAnswersToVerify: 1,
  questions: { '1': { en: "What's your favorite color?", fr: 'Quelle est votre couleur préférée ?' }, '2': { en: 'Who was your first employer?' } },
  numberOfAttemptsAllowed: 3,
  kbaAttemptsPropertyName: 'lastKbaAttempts',
};

describe('the security questions form', () => {
  it('reads the document and saves it back unchanged when nothing was edited', () => {
    const form = kbaFormOf(structuredClone(STORED));
    assert.equal(form.minimumAnswersToDefine, '2');
    assert.deepEqual(form.questions.map((question) => [question.id, question.texts.map((entry) => entry.locale)]), [['1', ['en', 'fr']], ['2', ['en']]]);
    const { _id, ...expected } = STORED;
    assert.deepEqual(kbaBody(form), expected);
  });

  it('keeps only what has the document’s shape from a hostile answer', () => {
    const form = kbaFormOf({ minimumAnswersToDefine: '9', questions: JSON.parse('{"__proto__": {"en": "x"}, "1": {"en": 5, "nl": "Wat?"}, "2": "no"}'), kbaPropertyName: { evil: true } });
    assert.deepEqual(form.questions, [{ id: '1', texts: [{ locale: 'nl', text: 'Wat?' }] }]);
    assert.equal(form.minimumAnswersToDefine, '1');
    assert.deepEqual(form.kept, {});
    assert.deepEqual(kbaFormOf(null).questions, []);
  });

  it('adds a question with the next id, edits, adds and removes locales and questions', () => {
    let form = kbaFormOf(structuredClone(STORED));
    assert.equal(nextQuestionId(form), '3');
    form = withQuestion(form);
    form = withText(form, '3', 'en', 'What was the name of your first pet?');
    form = withLocale(form, '3', 'nl');
    form = withText(form, '3', 'nl', 'Hoe heette uw eerste huisdier?');
    form = withoutLocale(form, '1', 'fr');
    form = withoutQuestion(form, '2');
    assert.deepEqual(kbaBody(form).questions, { '1': { en: "What's your favorite color?" }, '3': { en: 'What was the name of your first pet?', nl: 'Hoe heette uw eerste huisdier?' } });
    assert.equal(kbaLocaleProblem(form, '3', 'NL'), 'Question 3 already has NL.');
    assert.match(kbaLocaleProblem(form, '3', 'dutch language'), /is not a locale/);
    assert.equal(kbaLocaleProblem(form, '3', 'de'), '');
    assert.equal(nextQuestionId(kbaFormOf({ questions: { a: { en: 'x' }, '7': { en: 'y' } } })), '8');
  });

  it('sends whole numbers as numbers and anything else as typed, for the server to explain', () => {
    const form = { ...kbaFormOf(structuredClone(STORED)), minimumAnswersToDefine: ' 3 ', minimumAnswersToVerify: 'two', numberOfAttemptsAllowed: '-1' };
    const body = kbaBody(form);
    assert.equal(body.minimumAnswersToDefine, 3);
    assert.equal(body.minimumAnswersToVerify, 'two');
    assert.equal(body.numberOfAttemptsAllowed, '-1');
  });

  it('points a server’s field at the input it concerns', () => {
    const form = kbaFormOf({ questions: { '1': { en: 'a' }, '1.5': { en: 'b' } } });
    assert.equal(inputOfField(form, 'minimumAnswersToVerify'), 'kba-minimumAnswersToVerify');
    assert.equal(inputOfField(form, 'questions.1.en'), textInputId('1', 'en'));
    assert.equal(inputOfField(form, 'questions.1.5.en'), textInputId('1.5', 'en'));
    assert.equal(inputOfField(form, 'questions.1'), questionBlockId('1'));
    assert.equal(inputOfField(form, 'questions.1.xx'), questionBlockId('1'));
    assert.equal(inputOfField(form, 'kbaPropertyName'), '');
    assert.equal(inputOfField(form, 'questions.9.en'), '');
  });
});
