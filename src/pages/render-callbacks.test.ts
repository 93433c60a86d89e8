/** Callback renderings that the journey tests do not reach: an unknown type, choices, confirmations, script messages. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loginText } from './i18n/login-messages.ts';
import { renderCallbacks } from './render-callbacks.ts';

const noTerms = (): string => '';
const english = loginText('en');

describe('callback renderings', () => {
  it('says which client an unknown callback type needs, keeping its inputs, instead of failing', () => {
    const rendered = renderCallbacks([{ type: 'DeviceProfileCallback<x>', output: [], input: [{ name: 'IDToken1', value: '' }], _id: 0 }], noTerms, english);
    assert.match(rendered.html, /role="alert">This step needs a client that supports DeviceProfileCallback&lt;x&gt;\.<\/p><input type="hidden" name="IDToken1" value="">/);
  });

  it('renders a choice as labelled radios and a confirmation as buttons (no Next button)', () => {
    const rendered = renderCallbacks(
      [
        { type: 'ChoiceCallback', output: [{ name: 'prompt', value: 'Pick' }, { name: 'choices', value: ['a', '<b>'] }, { name: 'defaultChoice', value: 1 }], input: [{ name: 'IDToken1', value: 1 }] },
        { type: 'ConfirmationCallback', output: [{ name: 'prompt', value: '' }, { name: 'options', value: ['Yes', 'No'] }], input: [{ name: 'IDToken2', value: 0 }] },
      ],
      noTerms,
      english,
    );
    assert.match(rendered.html, /<legend>Pick<\/legend>.*<input type="radio" id="IDToken1-1" name="IDToken1" value="1" checked><label for="IDToken1-1">&lt;b&gt;<\/label>/);
    assert.match(rendered.html, /<button type="submit" name="IDToken2" value="1">No<\/button>/);
    assert.equal(rendered.submitButton, false);
  });

  it('never runs a script message, and marks errors and warnings as alerts', () => {
    const rendered = renderCallbacks(
      [
        { type: 'TextOutputCallback', output: [{ name: 'message', value: 'alert(1)' }, { name: 'messageType', value: '4' }] },
        { type: 'TextOutputCallback', output: [{ name: 'message', value: 'Careful' }, { name: 'messageType', value: '1' }] },
      ],
      noTerms,
      english,
    );
    assert.doesNotMatch(rendered.html, /alert\(1\)/);
    assert.match(rendered.html, /<p class="message warning" role="alert">Careful<\/p>/);
  });

  it('renders Select Identity Provider as a button per provider after the local Next button, with no remote image', () => {
    const providers = [
      { provider: 'itsme', uiConfig: { buttonDisplayName: 'itsme <b>', buttonImage: 'https://cdn.example.com/itsme.svg' } },
      { provider: 'google', uiConfig: { buttonImage: '/images/google.svg' } },
      { provider: 'localAuthentication' },
    ];
    const rendered = renderCallbacks(
      [
        { type: 'NameCallback', output: [{ name: 'prompt', value: 'User Name' }], input: [{ name: 'IDToken1', value: '' }] },
        { type: 'SelectIdPCallback', output: [{ name: 'providers', value: providers }, { name: 'value', value: '' }], input: [{ name: 'IDToken2', value: '' }] },
      ],
      noTerms,
      english,
    );
    assert.equal(rendered.submitButton, false);
    assert.match(rendered.html, /<input type="hidden" name="IDToken2" value="localAuthentication"><div class="actions"><button type="submit">Next<\/button><\/div>.*<button type="submit" name="IDToken2" value="itsme" formnovalidate>itsme &lt;b&gt;<\/button>/s);
    assert.match(rendered.html, /<button type="submit" name="IDToken2" value="google" formnovalidate><img src="\/images\/google.svg" alt="" width="20" height="20"> google<\/button>/);
    assert.doesNotMatch(rendered.html, /cdn\.example\.com/);
    const withoutLocal = renderCallbacks([{ type: 'SelectIdPCallback', output: [{ name: 'providers', value: providers.slice(0, 1) }], input: [{ name: 'IDToken1', value: '' }] }], noTerms, english);
    assert.doesNotMatch(withoutLocal.html, /localAuthentication|Next/);
  });
});
