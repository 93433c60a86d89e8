/**
 * The provider pages' look and policy: the page language from a raw request (`?locale=`, the
 * cookie, then Accept-Language), and the redirect targets a form's answer may reach: an http(s)
 * origin or a native app's private-use scheme, never a script or data URL.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formTargetOf, providerPageContext, providerPageHeaders, rawRequestLanguage } from './oidc-page-look.ts';

describe('the provider pages’ look and policy', () => {
  it('speaks the language of ?locale=, then the arbor-locale cookie, then Accept-Language', () => {
    assert.equal(rawRequestLanguage({ 'accept-language': 'nl-BE,nl;q=0.9' }, '/x'), 'nl');
    assert.equal(rawRequestLanguage({ 'accept-language': 'nl', cookie: 'arbor-locale=de' }, '/x'), 'de');
    assert.equal(rawRequestLanguage({ cookie: 'arbor-locale=de' }, '/x?locale=fr'), 'fr');
    assert.equal(rawRequestLanguage({}, '/x?locale=fr&locale=de'), 'en', 'a repeated locale is ignored');
  });

  it('lets a form’s answer reach the application’s origin or private-use scheme only', () => {
    assert.equal(formTargetOf('https://app.example/cb?x=1'), 'https://app.example');
    assert.equal(formTargetOf('com.example.app:/oauth2redirect'), 'com.example.app:');
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'not a url', 42, undefined]) assert.equal(formTargetOf(bad), undefined, String(bad));
    const headers = providerPageHeaders(providerPageContext(undefined, 'en'), 'https://app.example');
    assert.match(headers['content-security-policy'] ?? '', /form-action 'self' https:\/\/app\.example;/);
    assert.equal(headers['x-frame-options'], 'DENY');
  });
});
