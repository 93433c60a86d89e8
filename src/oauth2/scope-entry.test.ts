/**
 * AM's scope entries with a display text: the name is what comes before the first `|`, a second
 * `|` starts the description after a locale (pipes in the description kept); the texts a page in
 * a language gets (its locale, a regional variant, the one without locale, none); hostile entries
 * (empty parts, a locale that is no language tag, many pipes, very long texts) refused when
 * written through the clients REST API, and left out when read from a stored client.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readOAuth2Client } from './read-oauth2-client.ts';
import { MAX_SCOPE_DESCRIPTION, parseScopeEntry, scopeEntryProblem, scopeTextFor, scopeTextsOf } from './scope-entry.ts';

function client(scopes: unknown[], defaultScopes: unknown[] = [], stored = false) {
  return readOAuth2Client('shop', { coreOAuth2ClientConfig: { userpassword: 'Shop-S3cret-Value', redirectionUris: ['https://shop.example/cb'], scopes, defaultScopes } }, { stored });
}

describe('scope entries', () => {
  it('reads the name, the locale and the description of each form', () => {
    assert.deepEqual(parseScopeEntry('read:orders'), { name: 'read:orders' });
    assert.deepEqual(parseScopeEntry('read:orders|Read your orders'), { name: 'read:orders', description: 'Read your orders' });
    assert.deepEqual(parseScopeEntry('read:orders|fr|Lire vos commandes'), { name: 'read:orders', locale: 'fr', description: 'Lire vos commandes' });
    assert.deepEqual(parseScopeEntry('read:orders|fr_CA| Lire | vos | commandes '), { name: 'read:orders', locale: 'fr_CA', description: 'Lire | vos | commandes' }, 'a description keeps its pipes');
    assert.deepEqual(parseScopeEntry('|en|text'), { name: '', locale: 'en', description: 'text' });
    assert.deepEqual(parseScopeEntry('read:orders||'), { name: 'read:orders' }, 'empty parts are absent');
  });

  it('refuses a display text that cannot be shown: empty parts, a locale that is no language tag, an overlong description', () => {
    for (const entry of ['read:orders', 'read:orders|Read your orders', 'read:orders|en|Read your orders', 'read:orders|fr-CA|Lire', 'read:orders|zh_Hant_TW|讀取', 'a|en|x|y|z']) assert.equal(scopeEntryProblem(entry), undefined, entry);
    assert.match(scopeEntryProblem('read:orders|') ?? '', /empty description/);
    assert.match(scopeEntryProblem('read:orders|en|  ') ?? '', /empty description/);
    assert.match(scopeEntryProblem('read:orders||Read') ?? '', /empty locale/);
    assert.match(scopeEntryProblem('read:orders|Read your|orders') ?? '', /"Read your" where its locale goes/);
    assert.match(scopeEntryProblem('read:orders|<script>|x') ?? '', /where its locale goes/);
    assert.equal(scopeEntryProblem(`read:orders|en|${'x'.repeat(MAX_SCOPE_DESCRIPTION)}`), undefined);
    assert.match(scopeEntryProblem(`read:orders|en|${'x'.repeat(MAX_SCOPE_DESCRIPTION + 1)}`) ?? '', /longer than 256 characters/);
  });

  it('gives a page the text of its language, else of a regional variant, else the one without locale, else none', () => {
    const texts = scopeTextsOf([
      'read:orders|en|Read your orders',
      'read:orders|fr_CA|Consulter vos commandes',
      'read:orders|fr|Lire vos commandes',
      'read:orders|en|A second English text is ignored',
      'write:orders|Change your orders',
      'write:orders|de|Ihre Bestellungen ändern',
      'profile|nl-BE|Uw profiel',
      'plain',
    ]);
    assert.equal(scopeTextFor(texts, 'read:orders', 'en'), 'Read your orders');
    assert.equal(scopeTextFor(texts, 'read:orders', 'fr'), 'Lire vos commandes', 'the language itself before a regional variant');
    assert.equal(scopeTextFor(texts, 'read:orders', 'fr-CA'), 'Consulter vos commandes');
    assert.equal(scopeTextFor(texts, 'read:orders', 'de'), undefined, 'no text for German, none without locale');
    assert.equal(scopeTextFor(texts, 'write:orders', 'de'), 'Ihre Bestellungen ändern');
    assert.equal(scopeTextFor(texts, 'write:orders', 'nl'), 'Change your orders');
    assert.equal(scopeTextFor(texts, 'profile', 'nl'), 'Uw profiel', 'a regional variant of the language');
    assert.equal(scopeTextFor(texts, 'plain', 'en'), undefined);
    assert.equal(scopeTextFor(texts, 'unknown', 'en'), undefined);
    assert.equal(scopeTextFor(undefined, 'read:orders', 'en'), undefined);
  });

  it('leaves out the unusable texts of a stored client and shortens an overlong one', () => {
    const texts = scopeTextsOf(['a|', 'b||text', 'c|not a locale|text', '|en|nameless', '__proto__|en|Own', `long|${'y'.repeat(5000)}`]);
    assert.deepEqual([...texts.keys()].sort(), ['__proto__', 'long']);
    assert.equal(scopeTextFor(texts, '__proto__', 'en'), 'Own', 'a scope named __proto__ is a plain key');
    const long = scopeTextFor(texts, 'long', 'en') ?? '';
    assert.equal(long.length, MAX_SCOPE_DESCRIPTION);
    assert.ok(long.endsWith('…'));
  });
});

describe('scope entries written through the clients REST API', () => {
  it('accepts AM’s entries with display texts and keeps them as written, in the scopes and the default scopes', () => {
    const read = client(['openid', 'profile|fr|Votre profil', 'read:orders|en|Read your orders', 'read:orders|fr|Lire vos commandes', 'write:orders|Change your orders'], ['openid|en|Know who you are', 'read:orders']);
    assert.deepEqual(read.errors, []);
    assert.deepEqual(read.client.scopes, ['openid', 'profile|fr|Votre profil', 'read:orders|en|Read your orders', 'read:orders|fr|Lire vos commandes', 'write:orders|Change your orders']);
    assert.deepEqual(read.client.defaultScopes, ['openid|en|Know who you are', 'read:orders']);
  });

  it('refuses hostile entries with the field and the reason', () => {
    const cases: [unknown[], unknown[], string, RegExp][] = [
      [['read:orders|en|'], [], 'coreOAuth2ClientConfig.scopes', /empty description/],
      [['read:orders||Read'], [], 'coreOAuth2ClientConfig.scopes', /empty locale/],
      [['|en|Read your orders'], [], 'coreOAuth2ClientConfig.scopes', /is not a scope name/],
      [['read orders|en|Read'], [], 'coreOAuth2ClientConfig.scopes', /is not a scope name/],
      [['read:orders|Read|your|orders'], [], 'coreOAuth2ClientConfig.scopes', /"Read" where its locale goes/],
      [[`read:orders|en|${'z'.repeat(300)}`], [], 'coreOAuth2ClientConfig.scopes', /longer than 256 characters/],
      [[`read:orders|en|${'z'.repeat(1100)}`], [], 'coreOAuth2ClientConfig.scopes', /at most 1024 characters/],
      [['read:orders|en|Line\nbreak'], [], 'coreOAuth2ClientConfig.scopes', /at most 1024 characters/],
      [['read:orders'], ['read:orders|'], 'coreOAuth2ClientConfig.defaultScopes', /empty description/],
      [['read:orders'], ['write:orders|en|Change'], 'coreOAuth2ClientConfig.defaultScopes', /is not among the scopes/],
    ];
    for (const [scopes, defaults, field, reason] of cases) {
      const errors = client(scopes, defaults).errors;
      assert.deepEqual(errors.map((error) => error.field), [field], JSON.stringify(scopes));
      assert.match(errors[0]?.reason ?? '', reason, JSON.stringify(scopes));
    }
  });

  it('reads a stored client with unusable texts as it is (its next write must fix them)', () => {
    const read = client(['openid', 'read:orders|en|', 'read:orders|one|two|three'], ['read:orders||x'], true);
    assert.deepEqual(read.errors, []);
    assert.deepEqual(read.client.defaultScopes, ['read:orders||x']);
  });
});
