import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeTestServices } from '../../../platform/testing/node-test-services.ts';
import { goTo } from '../../engine/actions.ts';
import { runNode, sentCallbacks, submit, TEST_NODE_ID } from '../../engine/node-testing.ts';
import { secretConfigPurpose } from '../../trees/secret-config.ts';
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
    assert.deepEqual(productCaptchaNode.secretConfig, ['secretKey'], 'the secret key is sealed at rest and never exported');
  });

  it('opens a key sealed for product-CaptchaNode, not one sealed for CaptchaNode', async () => {
    const t = await nodeTestServices();
    const sealedFor = (type: string) => t.sealer.seal('product-secret', secretConfigPurpose('alpha', type, TEST_NODE_ID, 'secretKey'));
    const [callback] = sentCallbacks((await runNode(productCaptchaNode, { config: exported })).action);
    assert.ok(callback);
    const ok = await runNode(productCaptchaNode, { services: t.services, config: { ...exported, secretKey: sealedFor('product-CaptchaNode') }, callbacks: submit([callback], ['token']) });
    assert.deepEqual(ok.action, goTo('true'));
    const moved = await runNode(productCaptchaNode, { services: t.services, config: { ...exported, secretKey: sealedFor('CaptchaNode') }, callbacks: submit([callback], ['token']) });
    assert.deepEqual(moved.action, goTo('false'));
    assert.deepEqual(t.captchaRequests.map((request) => request.secret), ['product-secret']);
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
