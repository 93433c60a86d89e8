import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineCatalog, placeholdersOf, translator } from './define-catalog.ts';
import { choosePageLanguage } from './page-language.ts';

describe('page messages', () => {
  const catalog = defineCatalog({ hello: 'Hello {name}', bye: 'Bye' }, { fr: { hello: 'Bonjour {name}', bye: 'Au revoir' }, nl: { hello: 'Hallo {name}', bye: 'Dag' }, de: { hello: 'Hallo {name}', bye: 'Tschüss' } });

  it('gives the text of an id in the chosen language with its placeholders filled', () => {
    assert.equal(translator(catalog, 'fr')('hello', { name: 'Ada' }), 'Bonjour Ada');
    assert.equal(translator(catalog, 'de')('bye'), 'Tschüss');
    assert.equal(translator(catalog, 'en')('hello', {}), 'Hello {name}');
    assert.deepEqual(placeholdersOf('{b} and {a}'), ['a', 'b']);
  });

  it('chooses the switcher over the cookie over the preference over Accept-Language, else English', () => {
    assert.equal(choosePageLanguage({ query: 'nl', cookie: 'arbor-locale=de', acceptLanguage: 'fr' }), 'nl');
    assert.equal(choosePageLanguage({ query: 'xx', cookie: 'a=b; arbor-locale=de', acceptLanguage: 'fr' }), 'de');
    assert.equal(choosePageLanguage({ preference: 'fr_BE', acceptLanguage: 'de' }), 'fr');
    assert.equal(choosePageLanguage({ acceptLanguage: 'es, nl-BE;q=0.8, fr;q=0.5' }), 'nl');
    assert.equal(choosePageLanguage({ acceptLanguage: 'ja' }), 'en');
    assert.equal(choosePageLanguage({}), 'en');
  });
});
