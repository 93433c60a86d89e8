/** The journey pages' catalogue: complete in every language, with the same placeholders and journey links as the English text. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { placeholdersOf } from './define-catalog.ts';
import { LOGIN_MESSAGES, loginText } from './login-messages.ts';
import { PAGE_LANGUAGES } from './page-language.ts';

const english = LOGIN_MESSAGES.texts.en;
const ids = Object.keys(english).sort();

/** The journey links of a header or description (`#/service/Registration`), in order. */
function journeyLinks(text: string): string[] {
  return [...text.matchAll(/href=(["'])(#\/service\/[^"']+)\1/g)].map((match) => match[2] ?? '');
}

describe('journey page messages', () => {
  it('has every id, with a non-empty text, in every language', () => {
    for (const language of PAGE_LANGUAGES) {
      const texts = LOGIN_MESSAGES.texts[language];
      assert.deepEqual(Object.keys(texts).sort(), ids, language);
      for (const id of ids) assert.notEqual(texts[id as keyof typeof texts].trim(), '', `${language} ${id}`);
    }
  });

  it('keeps the placeholders and the journey links of the English text in each translation', () => {
    for (const language of PAGE_LANGUAGES) {
      const texts = LOGIN_MESSAGES.texts[language];
      for (const id of ids) {
        const key = id as keyof typeof texts;
        assert.deepEqual(placeholdersOf(texts[key]), placeholdersOf(english[key]), `${language} ${id}`);
        assert.deepEqual(journeyLinks(texts[key]), journeyLinks(english[key]), `${language} ${id}`);
      }
    }
    assert.deepEqual(placeholdersOf('Use at least {minLength} characters, {a}.'), ['a', 'minLength']);
  });

  it('translates the pages’ words, keeping the English that pages and tests rely on', () => {
    assert.equal(loginText('en')('next'), 'Next');
    assert.equal(loginText('en')('policyMinLength', { minLength: 8 }), 'Use at least 8 characters.');
    assert.equal(loginText('fr')('policyMinLength', { minLength: 8 }), 'Utilisez au moins 8 caractères.');
    assert.equal(loginText('nl')('startAgain'), 'Opnieuw beginnen');
    assert.equal(loginText('de')('signedInAs', { username: 'omar' }), 'Sie sind als omar angemeldet.');
    const translated = ids.filter((id) => PAGE_LANGUAGES.slice(1).every((language) => LOGIN_MESSAGES.texts[language][id as keyof typeof english] !== english[id as keyof typeof english]));
    assert.ok(translated.length > ids.length - 5, `only ${translated.length} of ${ids.length} texts differ from English in every language`);
  });
});
