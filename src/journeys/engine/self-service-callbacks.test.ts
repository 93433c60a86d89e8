import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Callback, CallbackJson } from './callbacks.ts';
import {
  booleanAttributeInputCallback,
  consentMappingCallback,
  kbaCreateCallback,
  numberAttributeInputCallback,
  reCaptchaCallback,
  stringAttributeInputCallback,
  suspendedTextOutputCallback,
  termsAndConditionsCallback,
} from './self-service-callbacks.ts';
import { renderCallbacks } from './submission.ts';

const golden = JSON.parse(readFileSync(new URL('../../../test/fixtures/forgerock/protocol/registration-first-step.json', import.meta.url), 'utf8')) as { callbacks: CallbackJson[] };

/** `callback` rendered at the position `expected` has on its page (`IDToken<_id + 1>`). */
function renderedAt(callback: Callback, expected: CallbackJson | undefined): CallbackJson | undefined {
  const position = expected?._id ?? 0;
  const filler: Callback = { type: 'TextOutputCallback', output: [], inputs: [] };
  return renderCallbacks([...Array.from({ length: position }, () => filler), callback])[position];
}

describe('self-service callback builders', () => {
  it('build the attribute, KBA and terms callbacks of the seed registration step byte for byte', () => {
    const policies = golden.callbacks[1]?.output.find((o) => o.name === 'policies')?.value as Record<string, unknown>;
    const terms = golden.callbacks[9]?.output.find((o) => o.name === 'terms')?.value as string;
    const built: [number, Callback][] = [
      [1, stringAttributeInputCallback({ name: 'givenName', prompt: 'First Name', required: true, policies, failedPolicies: [], value: '' })],
      [4, booleanAttributeInputCallback({ name: 'preferences/marketing', prompt: 'Send me special offers and services', required: true, policies: {}, failedPolicies: [], value: false })],
      [7, kbaCreateCallback({ prompt: 'Select a security question', predefinedQuestions: ["What's your favorite color?", 'Who was your first employer?'] })],
      [9, termsAndConditionsCallback({ version: '0.0', terms, createDate: '2019-10-28T04:20:11.320Z' })],
    ];
    for (const [index, callback] of built) {
      assert.deepEqual(renderedAt(callback, golden.callbacks[index]), golden.callbacks[index], callback.type);
    }
  });

  it('number inputs show null when unset and accept any JSON value, for the node to check', () => {
    const callback = numberAttributeInputCallback({ name: 'age', prompt: 'Age', required: false, policies: {}, failedPolicies: ['{"policyRequirement":"VALID_NUMBER"}'], validateOnly: true, value: null });
    assert.deepEqual(callback.output.map((o) => o.name), ['name', 'prompt', 'required', 'policies', 'failedPolicies', 'validateOnly', 'value']);
    assert.deepEqual(callback.inputs, [{ suffix: '', value: null, kind: 'any' }, { suffix: 'validateOnly', value: true, kind: 'boolean' }]);
  });

  it('KBA callbacks say allowUserDefinedQuestions only when told, and echo kept values', () => {
    const callback = kbaCreateCallback({ prompt: 'Q', predefinedQuestions: [], allowUserDefinedQuestions: false, question: 'Pet?', answer: 'Rex' });
    assert.deepEqual(callback.output[2], { name: 'allowUserDefinedQuestions', value: false });
    assert.deepEqual(callback.inputs.map((input) => [input.suffix, input.value]), [['question', 'Pet?'], ['answer', 'Rex']]);
  });

  it('build the consent, suspended and reCAPTCHA callbacks as the protocol reference shows them', () => {
    const consent = consentMappingCallback({ name: 'managedUser_managedUser', displayName: 'Test Mapping', icon: '', accessLevel: 'Actual Profile', isRequired: true, message: 'You consent to your data being shared with external services.', fields: [] });
    assert.deepEqual(renderCallbacks([consent])[0], {
      type: 'ConsentMappingCallback',
      output: [
        { name: 'name', value: 'managedUser_managedUser' },
        { name: 'displayName', value: 'Test Mapping' },
        { name: 'icon', value: '' },
        { name: 'accessLevel', value: 'Actual Profile' },
        { name: 'isRequired', value: true },
        { name: 'message', value: 'You consent to your data being shared with external services.' },
        { name: 'fields', value: [] },
      ],
      input: [{ name: 'IDToken1', value: false }],
      _id: 0,
    });
    const message = 'An email has been sent to the address you entered. Click the link in that email to proceed.';
    assert.deepEqual(renderCallbacks([suspendedTextOutputCallback(message)])[0], {
      type: 'SuspendedTextOutputCallback',
      output: [{ name: 'message', value: message }, { name: 'messageType', value: '0' }],
      _id: 0,
    });
    const captcha = reCaptchaCallback({ recaptchaSiteKey: 'k', captchaApiUri: 'https://js.hcaptcha.com/1/api.js', captchaDivClass: 'h-captcha', reCaptchaV3: false, disableSubmission: true });
    assert.deepEqual(captcha.output.map((o) => o.name), ['recaptchaSiteKey', 'captchaApiUri', 'captchaDivClass', 'reCaptchaV3', 'disableSubmission']);
    assert.deepEqual(captcha.inputs, [{ suffix: '', value: '', kind: 'string' }]);
  });
});
