/**
 * CAPTCHA (`CaptchaNode`): sends a ReCaptchaCallback with the site key; the client renders the
 * widget and returns its response token, which the server verifies at `captchaUri` with the
 * secret (`secret=…&response=…`, as Google reCAPTCHA and hCaptcha both take it). `true` when the
 * provider says success and, with reCAPTCHA v3, the score reaches the threshold. The secret comes
 * from `secretKey`, a secret of the node's configuration (`secretConfig`): sealed with the master
 * key on every journey write, bound to the realm, node type, node id and field, never exported or
 * answered by the admin REST, and handed to the CAPTCHA gateway sealed, which opens it just before
 * the verify call. A key stored in clear before keys were sealed is used as is until the journey
 * is written again; a key that does not open (another master key) takes the false outcome, the
 * reason in the operator's log. AM's `secretKeyPurpose` (a secret store label) is accepted but
 * not resolved.
 */
import { type Static, Type } from '@sinclair/typebox';
import { goTo, send } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { inputValue } from '../engine/callbacks.ts';
import { defineNode } from '../engine/define-node.ts';
import { journeyError } from '../engine/errors.ts';
import type { NodeContext } from '../engine/node-context.ts';
import { reCaptchaCallback } from '../engine/self-service-callbacks.ts';
import { secretConfigPurpose } from '../trees/secret-config.ts';
import { realmOfRequest } from './social/realm-of-request.ts';

const optionalText = (description: string) => Type.Optional(Type.Union([Type.String(), Type.Null()], { description }));

/** The CAPTCHA nodes' configuration (AM's and Identity Cloud's keys). */
export const captchaConfigFields = {
  siteKey: Type.String({ minLength: 1, description: 'The public site key.' }),
  secretKey: optionalText('The secret key the server verifies with (sealed at rest, never exported).'),
  secretKeyPurpose: optionalText('AM secret label; not supported, set secretKey.'),
  captchaUri: Type.String({ default: 'https://www.google.com/recaptcha/api/siteverify', minLength: 1, description: 'Verification URL (hCaptcha: https://api.hcaptcha.com/siteverify).' }),
  apiUri: Type.String({ default: 'https://www.google.com/recaptcha/api.js', description: 'Script the client loads (hCaptcha: https://js.hcaptcha.com/1/api.js).' }),
  divClass: Type.String({ default: 'g-recaptcha', description: 'CSS class of the widget element (hCaptcha: h-captcha).' }),
  reCaptchaV3: Type.Boolean({ default: false, description: 'reCAPTCHA v3 (scored, invisible).' }),
  scoreThreshold: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.String({ pattern: '^\\s*(0(\\.\\d+)?|1(\\.0+)?)\\s*$' })], { default: '0.0', description: 'Minimum v3 score, 0 to 1.' }),
  disableSubmission: Type.Boolean({ default: true, description: 'Disable the submit button until the CAPTCHA is solved.' }),
};

const captchaConfig = Type.Object(captchaConfigFields);

/** The field of the CAPTCHA nodes that is a secret (sealed at rest, never exported). */
export const CAPTCHA_SECRET_CONFIG: readonly string[] = ['secretKey'];

/** The CAPTCHA's step for node type `type` (the type its secret key is sealed for). */
export function captchaProcess(type: string): (ctx: NodeContext<Static<typeof captchaConfig>>) => Promise<NodeAction> {
  return async (ctx) => {
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
    const secretKey = config.secretKey;
    if (typeof secretKey !== 'string' || secretKey === '') throw journeyError('TREE_INVALID', `node ${ctx.nodeId} (${type}) has no secretKey`);
    const secret = { sealed: secretKey, purpose: secretConfigPurpose(realmOfRequest(ctx.request), type, ctx.nodeId, 'secretKey') };
    const result = await ctx.services.captcha.verify({ verifyUrl: config.captchaUri, secret, response: token.trim(), remoteIp: ctx.request.clientIp });
    const threshold = Number(String(config.scoreThreshold).trim());
    const scored = result.score === undefined || result.score >= threshold;
    return goTo(result.success && scored ? 'true' : 'false');
  };
}

/** CAPTCHA: `true` when the response verifies, else `false`. */
export const captchaNode = defineNode({
  type: 'CaptchaNode',
  displayName: 'CAPTCHA',
  category: 'risk',
  description: 'Asks the client to solve a reCAPTCHA or hCaptcha and verifies the answer.',
  config: captchaConfig,
  outcomes: ['true', 'false'],
  secretConfig: CAPTCHA_SECRET_CONFIG,
  process: captchaProcess('CaptchaNode'),
});
