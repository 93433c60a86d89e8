/**
 * CAPTCHA under Identity Cloud's type name (`product-CaptchaNode`): the same node as AM's
 * `CaptchaNode` (`../captcha-node.ts`). Identity Cloud exports the same config keys (`siteKey`,
 * `secretKey`, `captchaUri`, `apiUri`, `divClass`, `reCaptchaV3`, `scoreThreshold`,
 * `disableSubmission`), with its secret store label as `secretLabelIdentifier` instead of AM's
 * `secretKeyPurpose`: accepted, not resolved (set `secretKey`), as the CAPTCHA node does.
 * `secretKey` is sealed at rest and never exported, bound to this type name.
 */
import { Type } from '@sinclair/typebox';
import { defineNode } from '../../engine/define-node.ts';
import { captchaNode, captchaProcess } from '../captcha-node.ts';

const TYPE = 'product-CaptchaNode';

/** `product-CaptchaNode`: the CAPTCHA node under Identity Cloud's type id. */
export const productCaptchaNode = defineNode({
  ...captchaNode,
  type: TYPE,
  config: Type.Object({
    ...captchaNode.config.properties,
    secretLabelIdentifier: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'Identity Cloud secret label; not supported, set secretKey.' })),
  }),
  process: captchaProcess(TYPE),
});
