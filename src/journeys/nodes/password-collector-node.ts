/**
 * Password Collector (`PasswordCollectorNode`): the classic AM collector. Asks for a password
 * until a non-empty one comes back and stores it as `transient.password` (never shared).
 */
import { Type } from '@sinclair/typebox';
import { goTo, send } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { passwordCallback } from '../engine/callback-builders.ts';
import { inputValue } from '../engine/callbacks.ts';
import { defineNode } from '../engine/define-node.ts';

/** Password Collector: PasswordCallback "Password" → `transient.password`. */
export const passwordCollectorNode = defineNode({
  type: 'PasswordCollectorNode',
  displayName: 'Password Collector',
  category: 'basic authentication',
  description: 'Asks for a password.',
  config: Type.Object({}),
  outcomes: ['outcome'],
  process(ctx): NodeAction {
    const submitted = ctx.callbacks?.find((callback) => callback.type === 'PasswordCallback');
    const password = inputValue(submitted);
    if (typeof password !== 'string' || password === '') return send([passwordCallback('Password')]);
    ctx.state.transient['password'] = password;
    return goTo('outcome');
  },
});
