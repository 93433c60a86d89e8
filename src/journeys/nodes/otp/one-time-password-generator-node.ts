/**
 * HOTP Generator (`OneTimePasswordGeneratorNode`): makes a numeric one-time password of `length`
 * digits, each drawn uniformly from the operating system's cryptographic random source, and keeps
 * it with its creation time (epoch seconds, as AM) in transient state for the OTP sender and
 * collector nodes (`one-time-password-state.ts`). A new code replaces the previous one and its
 * count of wrong tries. AM derives the digits from an HOTP over a random secret; the result is
 * the same: an unpredictable code of that many digits.
 */
import { randomInt } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { goTo } from '../../engine/actions.ts';
import type { NodeAction } from '../../engine/actions.ts';
import { defineNode } from '../../engine/define-node.ts';
import { keepOneTimePassword } from './one-time-password-state.ts';

/** `length` random decimal digits. */
export function randomDigits(length: number): string {
  let code = '';
  for (let index = 0; index < length; index += 1) code += String(randomInt(10));
  return code;
}

/** HOTP Generator: a new code in transient state, then `outcome`. */
export const oneTimePasswordGeneratorNode = defineNode({
  type: 'OneTimePasswordGeneratorNode',
  displayName: 'HOTP Generator',
  category: 'basic authentication',
  description: 'Creates a one-time password of random digits for the OTP sender and collector nodes.',
  config: Type.Object({
    // AM refuses fewer than 6 digits; its HOTP generator cannot make more than 8.
    length: Type.Integer({ default: 8, minimum: 6, maximum: 12, description: 'Number of digits of the one-time password.' }),
  }),
  outcomes: ['outcome'],
  process(ctx): NodeAction {
    keepOneTimePassword(ctx.state, randomDigits(ctx.config.length), Math.floor(ctx.services.clock.now() / 1000));
    return goTo('outcome');
  },
});
