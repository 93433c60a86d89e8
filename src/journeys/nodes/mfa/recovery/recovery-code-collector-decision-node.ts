/**
 * Recovery Code Collector Decision (`RecoveryCodeCollectorDecisionNode`): asks for a recovery code
 * (AM's NameCallback "Recovery Code", asked again while empty) and signs the user in with it in
 * place of the device of `recoveryCodeType` (AM's OATH, WEB_AUTHN or PUSH): `true` when it is one
 * of the user's unused codes for that kind, which it then uses up (`useRecoveryCode`, with a
 * compare-and-set: a code signs in once, even for two requests at the same time); `false`
 * otherwise, for an unknown user, and always for PUSH (Arbor has no push devices).
 */
import { recordAuthMethod } from '../../../engine/auth-methods.ts';
import { Type } from '@sinclair/typebox';
import { useRecoveryCode } from '../../../../devices/recovery-codes.ts';
import { goTo, send } from '../../../engine/actions.ts';
import type { NodeAction } from '../../../engine/actions.ts';
import { nameCallback } from '../../../engine/callback-builders.ts';
import { defineNode } from '../../../engine/define-node.ts';
import { MFA_DEVICES } from '../mfa-devices.ts';
import { nameAnswer } from '../oath/mfa-callbacks.ts';
import { mfaUser } from '../oath/mfa-user.ts';

/** AM's prompt. */
export const RECOVERY_CODE_PROMPT = 'Recovery Code';
const MAX_CODE_LENGTH = 64;

/** Recovery Code Collector Decision: `true` for an unused code (then used up), else `false`. */
export const recoveryCodeCollectorDecisionNode = defineNode({
  type: 'RecoveryCodeCollectorDecisionNode',
  displayName: 'Recovery Code Collector Decision',
  category: 'basic authentication',
  description: "Signs the user in with one of their recovery codes instead of their device.",
  config: Type.Object({
    recoveryCodeType: Type.Union([Type.Literal('OATH'), Type.Literal('WEB_AUTHN'), Type.Literal('PUSH')], { default: 'OATH', description: 'The kind of device whose codes are accepted.' }),
  }),
  outcomes: ['true', 'false'],
  async process(ctx): Promise<NodeAction> {
    const code = nameAnswer(ctx.callbacks);
    if (code === undefined || code === '') return send([nameCallback(RECOVERY_CODE_PROMPT)]);
    const kind = ctx.config.recoveryCodeType === 'OATH' ? 'oath' : ctx.config.recoveryCodeType === 'WEB_AUTHN' ? 'webauthn' : undefined;
    if (kind === undefined || code.length > MAX_CODE_LENGTH) return goTo('false');
    const who = await mfaUser(ctx);
    if (who === undefined) return goTo('false');
    if (!(await useRecoveryCode(ctx.services.capabilities.get(MFA_DEVICES), who.realm, who.userId, kind, code))) return goTo('false');
    // A recovery code stands in for the device: a one-time password.
    recordAuthMethod(ctx.state, 'otp');
    return goTo('true');
  },
});
