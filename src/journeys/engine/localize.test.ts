import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localize } from './localize.ts';

describe('localize', () => {
  const texts = { en: 'Sign In', fr: 'Connexion', fr_BE: 'Se connecter', 'de-CH': 'Anmelden (CH)' };

  it('matches a region exactly, whichever separator the map uses', () => {
    assert.equal(localize(texts, ['fr-BE', 'fr', 'en']), 'Se connecter');
    assert.equal(localize(texts, ['FR_be']), 'Se connecter');
    assert.equal(localize(texts, ['de-CH']), 'Anmelden (CH)');
  });

  it('falls back to the language, then to another region of the language', () => {
    assert.equal(localize(texts, ['fr-CA']), 'Connexion');
    assert.equal(localize(texts, ['de']), 'Anmelden (CH)');
  });

  it('follows the preference order before any fallback', () => {
    assert.equal(localize(texts, ['nl', 'fr', 'en']), 'Connexion');
    assert.equal(localize({ en: 'Hello', nl: 'Hallo' }, ['it', 'nl']), 'Hallo');
  });

  it('falls back to en, then to the first entry; an empty map has no text', () => {
    assert.equal(localize(texts, ['ja']), 'Sign In');
    assert.equal(localize(texts, []), 'Sign In');
    assert.equal(localize({ cs: 'Dále', es: 'Próximo' }, ['ja']), 'Dále');
    assert.equal(localize({}, ['en']), undefined);
  });

  it('ignores empty locale tags', () => {
    assert.equal(localize({ en: 'Hello', fr: 'Bonjour' }, ['', ' ', 'fr']), 'Bonjour');
  });
});
