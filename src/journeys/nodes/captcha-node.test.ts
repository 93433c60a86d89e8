import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeTestServices } from '../../platform/testing/node-test-services.ts';
import type { NodeTestOptions } from '../../platform/testing/node-test-services.ts';
import { goTo } from '../engine/actions.ts';
import { runNode, sentCallbacks, submit, TEST_NODE_ID } from '../engine/node-testing.ts';
import { reCaptchaCallback } from '../engine/self-service-callbacks.ts';
import { renderCallbacks } from '../engine/submission.ts';
import { secretConfigPurpose } from '../trees/secret-config.ts';
import { captchaNode } from './captcha-node.ts';

const google = { siteKey: 'site-1', secretKey: 'shh' };
const hcaptcha = { ...google, captchaUri: 'https://api.hcaptcha.com/siteverify', apiUri: 'https://js.hcaptcha.com/1/api.js', divClass: 'h-captcha' };
const provider = async (answer: NonNullable<NodeTestOptions['captcha']>) => (await nodeTestServices({ captcha: answer })).services;
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
    const t = await nodeTestServices();
    const { action } = await runNode(captchaNode, { config: hcaptcha, services: t.services, callbacks: submit(sent, [' tok ']), request: { clientIp: '203.0.113.9' } });
    assert.deepEqual(action, goTo('true'));
    assert.deepEqual(t.captchaRequests, [{ url: 'https://api.hcaptcha.com/siteverify', secret: 'shh', response: 'tok', remoteip: '203.0.113.9' }]);
    const byDefault = await nodeTestServices();
    await runNode(captchaNode, { config: google, services: byDefault.services, callbacks: submit(sent, ['tok']) });
    assert.deepEqual(byDefault.captchaRequests.map((request) => request.url), ['https://www.google.com/recaptcha/api/siteverify'], "Google's verify URL by default");
  });

  it('declares secretKey a secret: sealed at rest, never exported', () => {
    assert.deepEqual(captchaNode.secretConfig, ['secretKey']);
  });

  it('verifies with the key sealed for its realm, node type and node id, opened only for the call', async () => {
    const t = await nodeTestServices();
    const sealed = t.sealer.seal('shh-sealed', secretConfigPurpose('alpha', 'CaptchaNode', TEST_NODE_ID, 'secretKey'));
    const { action } = await runNode(captchaNode, { config: { ...google, secretKey: sealed }, services: t.services, callbacks: submit(sent, ['tok']) });
    assert.deepEqual(action, goTo('true'));
    assert.deepEqual(t.captchaRequests.map((request) => request.secret), ['shh-sealed']);
  });

  it('a key stored in clear before keys were sealed still verifies, as it is', async () => {
    const t = await nodeTestServices({ captcha: (request) => ({ success: request.secret === 'legacy-clear' }) });
    const { action } = await runNode(captchaNode, { config: { ...google, secretKey: 'legacy-clear' }, services: t.services, callbacks: submit(sent, ['tok']) });
    assert.deepEqual(action, goTo('true'));
  });

  it('is false, without asking the provider, when the key does not open (another master key, realm or node)', async () => {
    const t = await nodeTestServices();
    const other = (await nodeTestServices()).sealer;
    const purpose = secretConfigPurpose('alpha', 'CaptchaNode', TEST_NODE_ID, 'secretKey');
    for (const sealed of [other.seal('shh', purpose), t.sealer.seal('shh', secretConfigPurpose('root', 'CaptchaNode', TEST_NODE_ID, 'secretKey')), t.sealer.seal('shh', secretConfigPurpose('alpha', 'CaptchaNode', 'another-node', 'secretKey'))]) {
      const { action } = await runNode(captchaNode, { config: { ...google, secretKey: sealed }, services: t.services, callbacks: submit(sent, ['tok']) });
      assert.deepEqual(action, goTo('false'));
    }
    assert.deepEqual(t.captchaRequests, []);
  });

  it('is false when the provider refuses or answers nonsense, or a v3 score is below the threshold', async () => {
    const refused = await runNode(captchaNode, { config: google, services: await provider(() => ({ success: false, 'error-codes': ['invalid-input-response'] })), callbacks: submit(sent, ['tok']) });
    assert.deepEqual(refused.action, goTo('false'));
    const nonsense = await runNode(captchaNode, { config: google, services: await provider(() => 'ok'), callbacks: submit(sent, ['tok']) });
    assert.deepEqual(nonsense.action, goTo('false'));
    const v3 = { ...google, reCaptchaV3: true, scoreThreshold: '0.5' };
    const low = await runNode(captchaNode, { config: v3, services: await provider(() => ({ success: true, score: 0.3 })), callbacks: submit(sent, ['tok']) });
    assert.deepEqual(low.action, goTo('false'));
    const high = await runNode(captchaNode, { config: { ...v3, scoreThreshold: 0.5 }, services: await provider(() => ({ success: true, score: 0.5 })), callbacks: submit(sent, ['tok']) });
    assert.deepEqual(high.action, goTo('true'));
  });

  it('sends the callback again on re-entry without values or with an empty or non-string token, without verifying', async () => {
    const t = await nodeTestServices();
    for (const callbacks of [[], submit(sent, ['  ']), submit(sent, [7])]) {
      const { action } = await runNode(captchaNode, { config: google, services: t.services, callbacks });
      assert.deepEqual(sentCallbacks(action), sent);
    }
    assert.deepEqual(t.captchaRequests, []);
  });

  it('needs a site key, a valid threshold, and a secret to verify with', async () => {
    await assert.rejects(runNode(captchaNode, { config: {} }), /siteKey/);
    await assert.rejects(runNode(captchaNode, { config: { ...google, scoreThreshold: '2' } }), /scoreThreshold/);
    await assert.rejects(runNode(captchaNode, { config: { siteKey: 's', secretKeyPurpose: 'am.x' }, callbacks: submit(sent, ['tok']) }), /no secretKey/);
  });
});
