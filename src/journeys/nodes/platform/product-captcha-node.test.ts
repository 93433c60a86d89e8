import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeTestServices } from '../../../platform/testing/node-test-services.ts';
import { goTo } from '../../engine/actions.ts';
import { runNode, sentCallbacks, submit } from '../../engine/node-testing.ts';
import { captchaNode } from '../captcha-node.ts';
import { productCaptchaNode } from './product-captcha-node.ts';

/** `product-CaptchaNode` as Identity Cloud exports it. */
const exported = {
  _id: 'c1',
  _type: { _id: 'product-CaptchaNode', name: 'CAPTCHA' },
  siteKey: 'site-key',
  secretKey: 'secret',
  secretLabelIdentifier: null,
  captchaUri: 'https://www.google.com/recaptcha/api/siteverify',
  apiUri: 'https://www.google.com/recaptcha/api.js',
  divClass: 'g-recaptcha',
  reCaptchaV3: false,
  scoreThreshold: '0.0',
  disableSubmission: true,
};

describe('product-CaptchaNode', () => {
  it('is the CAPTCHA node under Identity Cloud’s type id', () => {
    assert.equal(productCaptchaNode.type, 'product-CaptchaNode');
    assert.deepEqual(productCaptchaNode.outcomes, captchaNode.outcomes);
  });

  it('sends the ReCaptchaCallback, then goes to true or false as the provider answers', async () => {
    const t = await nodeTestServices({ captcha: () => ({ success: true }) });
    const first = await runNode(productCaptchaNode, { services: t.services, config: exported });
    const [callback] = sentCallbacks(first.action);
    assert.equal(callback?.type, 'ReCaptchaCallback');
    const ok = await runNode(productCaptchaNode, { services: t.services, config: exported, callbacks: submit(sentCallbacks(first.action), ['token']) });
    assert.deepEqual(ok.action, goTo('true'));
    const refused = await nodeTestServices({ captcha: () => ({ success: false }) });
    const no = await runNode(productCaptchaNode, { services: refused.services, config: exported, callbacks: submit(sentCallbacks(first.action), ['token']) });
    assert.deepEqual(no.action, goTo('false'));
  });
});
