/**
 * The CAPTCHA on a page and the callback's `disableSubmission`: a v2 or hCaptcha widget asked to
 * hold the submission back marks its box for the page script (which disables the submit buttons
 * until the widget gives a token, and again when the token expires); the HTML never disables a
 * button itself, so that the page still posts without JavaScript.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallbackJson } from '../journeys/engine/callbacks.ts';
import { callbackMessages } from './i18n/callback-messages.ts';
import { translator } from './i18n/define-catalog.ts';
import { PAGE_SCRIPT } from './page-script.ts';
import { captchaField } from './render-captcha.ts';

const en = translator(callbackMessages, 'en');

function captcha(output: Record<string, unknown>): CallbackJson {
  const base = { recaptchaSiteKey: 'site-key', captchaApiUri: 'https://www.google.com/recaptcha/api.js', captchaDivClass: 'g-recaptcha', reCaptchaV3: false };
  return { type: 'ReCaptchaCallback', output: Object.entries({ ...base, ...output }).map(([name, value]) => ({ name, value })), input: [{ name: 'IDToken1', value: '' }] };
}

describe('the CAPTCHA field and disableSubmission', () => {
  it('marks the box of a widget that holds the submission back, and has the widget tell when its token expires', () => {
    const html = captchaField(captcha({ disableSubmission: true }), 'IDToken1', en);
    assert.match(html, /<div class="field captcha" role="group" aria-label="[^"]+" data-captcha-for="IDToken1" data-disable-submission>/);
    assert.match(html, /data-callback="arborCaptchaSolved" data-expired-callback="arborCaptchaExpired"/);
    assert.doesNotMatch(html, / disabled[ >=]/, 'nothing is disabled in the HTML: without JavaScript the page still posts');
  });

  it('leaves the box unmarked when the step does not ask (false, absent, not a boolean) and for reCAPTCHA v3, which has nothing to solve', () => {
    for (const output of [{ disableSubmission: false }, {}, { disableSubmission: 'true' }, { disableSubmission: true, reCaptchaV3: true }]) {
      assert.doesNotMatch(captchaField(captcha(output), 'IDToken1', en), /data-disable-submission/, JSON.stringify(output));
    }
  });

  it('the page script, which gates the marked boxes’ buttons (in Chromium: test/browser/captcha-page.browser.test.ts), parses', () => {
    assert.doesNotThrow(() => new Function(PAGE_SCRIPT));
  });
});
