/** The OpenID provider pages' catalogue: complete in every language, with the English placeholders, and each standard scope described. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { placeholdersOf } from './define-catalog.ts';
import { oidcCatalog, scopeDescription } from './oidc-messages.ts';
import { PAGE_LANGUAGES } from './page-language.ts';

const english = oidcCatalog.texts.en;
const ids = Object.keys(english).sort() as (keyof typeof english)[];

describe('OpenID provider page messages', () => {
  it('has every id, non-empty, with the English placeholders, in every language', () => {
    for (const language of PAGE_LANGUAGES) {
      const texts = oidcCatalog.texts[language];
      assert.deepEqual(Object.keys(texts).sort(), ids, language);
      for (const id of ids) {
        assert.notEqual(texts[id].trim(), '', `${language} ${id}`);
        assert.deepEqual(placeholdersOf(texts[id]), placeholdersOf(english[id]), `${language} ${id}`);
      }
    }
  });

  it('describes the standard scopes in each language and names any other', () => {
    for (const language of PAGE_LANGUAGES) {
      const descriptions = ['openid', 'profile', 'email', 'phone', 'offline_access'].map((scope) => scopeDescription(language, scope));
      assert.equal(new Set(descriptions).size, 5, language);
      assert.ok(scopeDescription(language, 'photos:read').includes('photos:read'), language);
    }
    assert.equal(scopeDescription('en', 'email'), 'See your email address');
    assert.equal(scopeDescription('de', 'phone'), 'Ihre Telefonnummer sehen');
    assert.equal(scopeDescription('en', 'toString'), 'Use the permission “toString”', 'only the catalogue’s own scopes');
  });
});
