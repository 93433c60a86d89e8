/**
 * OTP Collector Decision (`OneTimePasswordCollectorDecisionNode`): asks for the one-time password
 * with AM's PasswordCallback ("One Time Password") and compares it, in constant time, with the
 * code the HOTP Generator kept. `true` when it matches within `passwordExpiryTime` minutes of the
 * code's creation; the code is then forgotten, so that it works once. Otherwise `false`. As in
 * AM, a wrong code keeps the code for another try (sample trees loop back here through Retry
 * Limit Decision), but Arbor bounds the tries of one code: the `MAX_TRIES_PER_CODE`th wrong one
 * forgets the code, and every later answer is wrong, whatever the tree does. An expired code
 * is forgotten too. An empty answer asks again.
 */
import { recordAuthMethod } from '../../engine/auth-methods.ts';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { goTo, send } from '../../engine/actions.ts';
import type { NodeAction } from '../../engine/actions.ts';
import { passwordCallback } from '../../engine/callback-builders.ts';
import { inputValue } from '../../engine/callbacks.ts';
import { defineNode } from '../../engine/define-node.ts';
import { failuresOf, forgetOneTimePassword, ONE_TIME_PASSWORD_FAILURES, readOneTimePassword } from './one-time-password-state.ts';

/** AM's prompt. */
export const ONE_TIME_PASSWORD_PROMPT = 'One Time Password';

/** Wrong tries allowed per code: the last of them forgets it. */
export const MAX_TRIES_PER_CODE = 5;

/** Equal texts, compared in time that depends on neither (both hashed to the same length first). */
function sameText(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** OTP Collector Decision: `true` for the right code in time (used once), else `false`. */
export const oneTimePasswordCollectorDecisionNode = defineNode({
  type: 'OneTimePasswordCollectorDecisionNode',
  displayName: 'OTP Collector Decision',
  category: 'basic authentication',
  description: 'Asks for the one-time password and checks it.',
  config: Type.Object({
    passwordExpiryTime: Type.Integer({ default: 5, minimum: 1, description: 'Minutes the one-time password stays valid.' }),
  }),
  outcomes: ['true', 'false'],
  process(ctx): NodeAction {
    const callback = ctx.callbacks?.find((candidate) => candidate.type === 'PasswordCallback');
    const answer = inputValue(callback);
    if (typeof answer !== 'string' || answer === '') return send([passwordCallback(ONE_TIME_PASSWORD_PROMPT)]);

    const stored = readOneTimePassword(ctx.state);
    if (stored === undefined) return goTo('false');
    const expiresAt = (stored.createdAt + ctx.config.passwordExpiryTime * 60) * 1000;
    const matches = sameText(answer, stored.code);
    if (ctx.services.clock.now() >= expiresAt) {
      forgetOneTimePassword(ctx.state);
      return goTo('false');
    }
    if (matches) {
      forgetOneTimePassword(ctx.state);
      recordAuthMethod(ctx.state, 'otp');
      return goTo('true');
    }
    const failures = failuresOf(ctx.state) + 1;
    if (failures >= MAX_TRIES_PER_CODE) forgetOneTimePassword(ctx.state);
    else ctx.state.transient[ONE_TIME_PASSWORD_FAILURES] = failures;
    return goTo('false');
  },
});
