import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../engine/actions.ts';
import { fakeServices, runNode, sentCallbacks, submit } from '../engine/node-testing.ts';
import { reCaptchaCallback } from '../engine/self-service-callbacks.ts';
import { renderCallbacks } from '../engine/submission.ts';
import { captchaNode } from './captcha-node.ts';

const google = { siteKey: 'site-1', secretKey: 'shh' };
const hcaptcha = { ...google, captchaUri: 'https://api.hcaptcha.com/siteverify', apiUri: 'https://js.hcaptcha.com/1/api.js', divClass: 'h-captcha' };
const sent = [reCaptchaCallback({ recaptchaSiteKey: 'site-1', captchaApiUri: 'https://www.google.com/recaptcha/api.js', captchaDivClass: 'g-recaptcha', reCaptchaV3: false, disableSubmission: true })];

describe('CaptchaNode', () => {
  it('sends a ReCaptchaCallback with the site key and the widget settings', async () => {
    const { action } = await runNode(captchaNode, { config: google });
    assert.deepEqual(sentCallbacks(action), sent);
    assert.deepEqual(renderCallbacks(sentCallbacks(action))[0], {
      type: 'ReCaptchaCallback',
      output: [
        { name: 'recaptchaSiteKey', value: 'site-1' },
        { name: 'captchaApiUri', value: 'https://www.google.com/recaptcha/api.js' },
        { name: 'captchaDivClass', value: 'g-recaptcha' },
        { name: 'reCaptchaV3', value: false },
        { name: 'disableSubmission', value: true },
      ],
      input: [{ name: 'IDToken1', value: '' }],
      _id: 0,
    });
  });

  it('verifies the token with the secret and client IP at captchaUri (true), hCaptcha included', async () => {
    const fakes = fakeServices();
    const { action } = await runNode(captchaNode, { config: hcaptcha, services: fakes, callbacks: submit(sent, [' tok ']), request: { clientIp: '203.0.113.9' } });
    assert.deepEqual(action, goTo('true'));
    assert.deepEqual(fakes.captchaRequests, [{ verifyUrl: 'https://api.hcaptcha.com/siteverify', secret: 'shh', response: 'tok', remoteIp: '203.0.113.9' }]);
  });

  it('is false when the provider refuses, or a v3 score is below the threshold', async () => {
    const refused = await runNode(captchaNode, { config: google, services: fakeServices({ captcha: () => ({ success: false }) }), callbacks: submit(sent, ['tok']) });
    assert.deepEqual(refused.action, goTo('false'));
    const v3 = { ...google, reCaptchaV3: true, scoreThreshold: '0.5' };
    const low = await runNode(captchaNode, { config: v3, services: fakeServices({ captcha: () => ({ success: true, score: 0.3 }) }), callbacks: submit(sent, ['tok']) });
    assert.deepEqual(low.action, goTo('false'));
    const high = await runNode(captchaNode, { config: { ...v3, scoreThreshold: 0.5 }, services: fakeServices({ captcha: () => ({ success: true, score: 0.5 }) }), callbacks: submit(sent, ['tok']) });
    assert.deepEqual(high.action, goTo('true'));
  });

  it('sends the callback again on re-entry without values or with an empty or non-string token, without verifying', async () => {
    const fakes = fakeServices();
    for (const callbacks of [[], submit(sent, ['  ']), submit(sent, [7])]) {
      const { action } = await runNode(captchaNode, { config: google, services: fakes, callbacks });
      assert.deepEqual(sentCallbacks(action), sent);
    }
    assert.deepEqual(fakes.captchaRequests, []);
  });

  it('needs a site key, a valid threshold, and a secret to verify with', async () => {
    await assert.rejects(runNode(captchaNode, { config: {} }), /siteKey/);
    await assert.rejects(runNode(captchaNode, { config: { ...google, scoreThreshold: '2' } }), /scoreThreshold/);
    await assert.rejects(runNode(captchaNode, { config: { siteKey: 's', secretKeyPurpose: 'am.x' }, callbacks: submit(sent, ['tok']) }), /no secretKey/);
  });
});
