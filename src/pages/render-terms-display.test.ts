/** The terms' display texts on the page that asks to accept the terms: in the page's language when they are Arbor's defaults, as written otherwise, escaped, and never on a page with other fields. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallbackJson } from '../journeys/engine/callbacks.ts';
import { defaultTermsConfig } from '../selfservice/terms/default-terms.ts';
import { termsDisplayOf } from '../selfservice/terms/terms-display.ts';
import { stepDocument } from './page-document.ts';

const TERMS: CallbackJson = {
  type: 'TermsAndConditionsCallback',
  output: [
    { name: 'version', value: '2.0' },
    { name: 'terms', value: 'The terms.' },
    { name: 'createDate', value: '2026-01-01T00:00:00.000Z' },
  ],
  input: [{ name: 'IDToken1', value: false }],
};
const NAME: CallbackJson = { type: 'NameCallback', output: [{ name: 'prompt', value: 'User Name' }], input: [{ name: 'IDToken2', value: '' }] };

function page(callbacks: CallbackJson[], uiConfig: unknown, lang: 'en' | 'fr' = 'en', stage?: string): string {
  const step = { authId: 'a', callbacks, header: 'Terms and Conditions', ...(stage === undefined ? {} : { stage }) };
  return stepDocument({ lang, realmPath: '/alpha', journey: 'Login' }, step, { csrf: 'c', goto: '', renderTerms: (markdown) => `<p>${markdown}</p>`, termsDisplay: termsDisplayOf(uiConfig) });
}

describe('the terms display texts on the terms page', () => {
  it('shows the title and purpose above the terms and names the button, in the page’s language for the defaults', () => {
    const english = page([TERMS], defaultTermsConfig().uiConfig);
    assert.match(english, /<h2 class="terms-title">We&#39;ve updated our terms<\/h2><p class="terms-purpose">You must accept the updated terms in order to proceed\.<\/p><section class="terms"/);
    assert.match(english, /<button type="submit">Accept<\/button>/);
    const french = page([TERMS], defaultTermsConfig().uiConfig, 'fr');
    assert.match(french, /<h2 class="terms-title">Nous avons mis à jour nos conditions<\/h2>/);
    assert.match(french, /<button type="submit">Accepter<\/button>/);
  });

  it('shows an administrator’s own texts as written, escaped; a missing text leaves the page’s own', () => {
    const own = page([TERMS], { displayName: 'New <b>terms</b>', buttonText: 'I agree' });
    assert.match(own, /<h2 class="terms-title">New &lt;b&gt;terms&lt;\/b&gt;<\/h2><section/);
    assert.doesNotMatch(own, /terms-purpose/);
    assert.match(own, /<button type="submit">I agree<\/button>/);
    assert.match(page([TERMS], { displayName: 'Only a title' }), /<button type="submit">Next<\/button>/);
    assert.match(page([TERMS], { buttonText: 'I agree' }, 'en', '{"submitButtonText": "Go on"}'), /<button type="submit">Go on<\/button>/, 'the journey’s own button text comes first');
  });

  it('leaves a page with other fields (registration) and a page without display texts as they were', () => {
    const registration = page([NAME, TERMS], defaultTermsConfig().uiConfig);
    assert.doesNotMatch(registration, /terms-title|terms-purpose/);
    assert.match(registration, /<button type="submit">Next<\/button>/);
    const none = page([TERMS], undefined);
    assert.doesNotMatch(none, /terms-title/);
    assert.match(none, /<button type="submit">Next<\/button>/);
  });
});
