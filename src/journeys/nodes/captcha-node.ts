/**
 * CAPTCHA (`CaptchaNode`): sends a ReCaptchaCallback with the site key; the client renders the
 * widget and returns its response token, which the server verifies at `captchaUri` with the
 * secret (`secret=…&response=…`, as Google reCAPTCHA and hCaptcha both take it). `true` when the
 * provider says success and, with reCAPTCHA v3, the score reaches the threshold. The secret comes
 * from `secretKey`; AM's `secretKeyPurpose` (a secret store label) is accepted but not resolved.
 */
import { Type } from '@sinclair/typebox';
import { goTo, send } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { inputValue } from '../engine/callbacks.ts';
import { defineNode } from '../engine/define-node.ts';
import { journeyError } from '../engine/errors.ts';
import { reCaptchaCallback } from '../engine/self-service-callbacks.ts';

const optionalText = (description: string) => Type.Optional(Type.Union([Type.String(), Type.Null()], { description }));

/** CAPTCHA: `true` when the response verifies, else `false`. */
export const captchaNode = defineNode({
  type: 'CaptchaNode',
  displayName: 'CAPTCHA',
  category: 'risk',
  description: 'Asks the client to solve a reCAPTCHA or hCaptcha and verifies the answer.',
  config: Type.Object({
    siteKey: Type.String({ minLength: 1, description: 'The public site key.' }),
    secretKey: optionalText('The secret key the server verifies with.'),
    secretKeyPurpose: optionalText('AM secret label; not supported, set secretKey.'),
    captchaUri: Type.String({ default: 'https://www.google.com/recaptcha/api/siteverify', minLength: 1, description: 'Verification URL (hCaptcha: https://api.hcaptcha.com/siteverify).' }),
    apiUri: Type.String({ default: 'https://www.google.com/recaptcha/api.js', description: 'Script the client loads (hCaptcha: https://js.hcaptcha.com/1/api.js).' }),
    divClass: Type.String({ default: 'g-recaptcha', description: 'CSS class of the widget element (hCaptcha: h-captcha).' }),
    reCaptchaV3: Type.Boolean({ default: false, description: 'reCAPTCHA v3 (scored, invisible).' }),
    scoreThreshold: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.String({ pattern: '^\\s*(0(\\.\\d+)?|1(\\.0+)?)\\s*$' })], { default: '0.0', description: 'Minimum v3 score, 0 to 1.' }),
    disableSubmission: Type.Boolean({ default: true, description: 'Disable the submit button until the CAPTCHA is solved.' }),
  }),
  outcomes: ['true', 'false'],
  async process(ctx): Promise<NodeAction> {
    const { config } = ctx;
    const callback = reCaptchaCallback({
      recaptchaSiteKey: config.siteKey,
      captchaApiUri: config.apiUri,
      captchaDivClass: config.divClass,
      reCaptchaV3: config.reCaptchaV3,
      disableSubmission: config.disableSubmission,
    });
    const token = inputValue(ctx.callbacks?.find((candidate) => candidate.type === 'ReCaptchaCallback'));
    if (typeof token !== 'string' || token.trim() === '') return send([callback]);
    const secret = config.secretKey;
    if (typeof secret !== 'string' || secret === '') throw journeyError('TREE_INVALID', `node ${ctx.nodeId} (CaptchaNode) has no secretKey`);
    const result = await ctx.services.captcha.verify({ verifyUrl: config.captchaUri, secret, response: token.trim(), remoteIp: ctx.request.clientIp });
    const threshold = Number(String(config.scoreThreshold).trim());
    const scored = result.score === undefined || result.score >= threshold;
    return goTo(result.success && scored ? 'true' : 'false');
  },
});
