/**
 * The richer callbacks on the pages: consent, CAPTCHA, polling, the new password's rules and the
 * stage hints, rendered safely from hostile step JSON.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallbackJson } from '../journeys/engine/callbacks.ts';
import { callbackMessages } from './i18n/callback-messages.ts';
import { translator } from './i18n/define-catalog.ts';
import { passwordRules } from './password-rules.ts';
import { captchaField, captchaSources } from './render-captcha.ts';
import { consentMappingField } from './render-consent-mapping.ts';
import { passwordRulesList, revealButton } from './render-password-extras.ts';
import { pollingWaitField, pollingWaitMs } from './render-polling-wait.ts';
import { stageHints } from './stage-hints.ts';

const en = translator(callbackMessages, 'en');
const fr = translator(callbackMessages, 'fr');

function callback(type: string, output: Record<string, unknown>, input: Record<string, unknown> = {}): CallbackJson {
  return { type, output: Object.entries(output).map(([name, value]) => ({ name, value })), input: Object.entries(input).map(([name, value]) => ({ name, value })) };
}

describe('richer callbacks on the pages', () => {
  it('shows a consent mapping with its shared fields and a box that answers it, required when the consent is', () => {
    const html = consentMappingField(
      callback('ConsentMappingCallback', { name: 'crm', displayName: 'Our <CRM>', message: 'We share your data', fields: ['givenName', 'mail', 42], isRequired: true }, { IDToken3: false }),
      'IDToken3',
      en,
    );
    assert.match(html, /<legend>Our &lt;CRM&gt;<\/legend>/);
    assert.match(html, /Shared with them: givenName, mail</);
    assert.match(html, /<input type="hidden" name="IDToken3" value="false"><input id="IDToken3" name="IDToken3" type="checkbox" value="true" required aria-describedby="IDToken3-hint">/);
    assert.match(consentMappingField(callback('ConsentMappingCallback', { name: 'x', isRequired: false }, { IDToken1: true }), 'IDToken1', fr), /checked>.*J’accepte/);
  });

  it('loads only an https CAPTCHA script and allows its origins, hCaptcha’s frames included', () => {
    const google = callback('ReCaptchaCallback', { recaptchaSiteKey: 'site-key_1', captchaApiUri: 'https://www.google.com/recaptcha/api.js', captchaDivClass: 'g-recaptcha', reCaptchaV3: false });
    assert.match(captchaField(google, 'IDToken1', en), /<div class="g-recaptcha" data-sitekey="site-key_1" data-callback="arborCaptchaSolved" data-expired-callback="arborCaptchaExpired"><\/div><input type="hidden" name="IDToken1" value="">/);
    assert.match(captchaField(google, 'IDToken1', en), /<script src="https:\/\/www.google.com\/recaptcha\/api.js" async defer><\/script>/);
    assert.deepEqual(captchaSources(google).script, ['https://www.google.com', 'https://www.gstatic.com']);
    const hcaptcha = callback('ReCaptchaCallback', { recaptchaSiteKey: 'k', captchaApiUri: 'https://js.hcaptcha.com/1/api.js', captchaDivClass: 'h-captcha' });
    assert.deepEqual(captchaSources(hcaptcha).frame, ['https://*.hcaptcha.com']);
    const hostile = callback('ReCaptchaCallback', { recaptchaSiteKey: 'k"><script>', captchaApiUri: 'javascript:alert(1)', captchaDivClass: 'x" onclick="y' });
    assert.doesNotMatch(captchaField(hostile, 'IDToken1', en), /<script|onclick/);
    assert.deepEqual(captchaSources(hostile), { script: [], frame: [], style: [], connect: [] });
    const v3 = callback('ReCaptchaCallback', { recaptchaSiteKey: 'k', captchaApiUri: 'https://www.google.com/recaptcha/api.js?render=k', reCaptchaV3: true });
    assert.match(captchaField(v3, 'IDToken2', en), /data-v3-sitekey="k"/);
    assert.doesNotMatch(captchaField(v3, 'IDToken2', en), /g-recaptcha/);
  });

  it('bounds a polling wait and offers a button to check again without JavaScript', () => {
    assert.equal(pollingWaitMs(callback('PollingWaitCallback', { waitTime: '8000' })), 8000);
    assert.equal(pollingWaitMs(callback('PollingWaitCallback', { waitTime: '5' })), 1000);
    assert.equal(pollingWaitMs(callback('PollingWaitCallback', { waitTime: '1e12' })), 600_000);
    assert.equal(pollingWaitMs(callback('PollingWaitCallback', { waitTime: 'soon' })), 8000);
    const html = pollingWaitField(callback('PollingWaitCallback', { waitTime: '3000', message: 'Approve on <your> phone' }), en);
    assert.match(html, /data-poll-ms="3000"/);
    assert.match(html, /Approve on &lt;your&gt; phone/);
    assert.match(html, /<button type="submit">Check again<\/button>/);
  });

  it('lists the password rules a browser can check, worded by the caller, with a hidden show button', () => {
    const policies = {
      policies: [
        { policyId: 'not-empty', policyRequirements: ['REQUIRED'] },
        { policyId: 'minimum-length', params: { minLength: 8 }, policyRequirements: ['MIN_LENGTH'] },
        { policyId: 'at-least-X-capitals', params: { numCaps: 1 }, policyRequirements: ['AT_LEAST_X_CAPITAL_LETTERS'] },
        { policyId: 'at-least-X-numbers', params: { numNums: '2' }, policyRequirements: ['AT_LEAST_X_NUMBERS'] },
        { policyId: 'cannot-contain-characters', params: { forbiddenChars: ['<', 'ab'] }, policyRequirements: ['CANNOT_CONTAIN_CHARACTERS'] },
        { policyId: 'minimum-length', params: { minLength: -1 }, policyRequirements: ['MIN_LENGTH'] },
        { policyId: 'cannot-contain-others', params: { disallowedFields: ['sn'] }, policyRequirements: ['CANNOT_CONTAIN_OTHERS'] },
      ],
    };
    const rules = passwordRules(policies);
    assert.deepEqual(rules.map((rule) => rule.check), ['min:8', 'caps:1', 'nums:2', 'chars:<']);
    assert.deepEqual(passwordRules({ policies: 'no' }), []);
    assert.deepEqual(passwordRules(JSON.parse('{"__proto__":{"policies":[]}}')), []);
    const html = passwordRulesList('IDToken7', rules, (rule) => `${rule.requirement} <b>`, en);
    assert.match(html, /<ul data-rules-for="IDToken7"><li data-check="min:8">MIN_LENGTH &lt;b&gt;/);
    assert.match(html, /data-check="chars:&lt;"/);
    assert.match(revealButton('IDToken7', en), /data-reveal="IDToken7" data-hide-label="Hide password" aria-pressed="false" hidden>Show password</);
  });

  it('reads the hints of a JSON stage as the ForgeRock UI does, and nothing from a name or broken JSON', () => {
    assert.deepEqual(stageHints('{"ValidatedCreatePasswordCallback":[{"confirmPassword":true,"policyDisplayCheckmark":true}],"submitButtonText":" Register "}'), {
      confirmPassword: true,
      policyDisplayCheckmark: true,
      submitButtonText: 'Register',
    });
    assert.deepEqual(stageHints('DefaultLogin'), { confirmPassword: false, policyDisplayCheckmark: false });
    assert.deepEqual(stageHints('{broken'), { confirmPassword: false, policyDisplayCheckmark: false });
    assert.deepEqual(stageHints('{"__proto__":{"submitButtonText":"x"}}'), { confirmPassword: false, policyDisplayCheckmark: false });
    assert.deepEqual(stageHints(42), { confirmPassword: false, policyDisplayCheckmark: false });
  });
});
