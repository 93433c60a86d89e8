/**
 * Create Password (`CreatePasswordNode`): asks for a new password twice (two PasswordCallbacks,
 * "New password" and "Confirm password") until both match and have at least `minPasswordLength`
 * characters, then keeps it in `transient.password` (never shared) for Provision Dynamic Account.
 * A short or mismatched password sends the callbacks again with an error TextOutputCallback, as
 * AM's node does.
 */
import { Type } from '@sinclair/typebox';
import { goTo, send } from '../../engine/actions.ts';
import type { NodeAction } from '../../engine/actions.ts';
import { passwordCallback, textOutputCallback } from '../../engine/callback-builders.ts';
import { inputValue } from '../../engine/callbacks.ts';
import { defineNode } from '../../engine/define-node.ts';

const prompts = () => [passwordCallback('New password'), passwordCallback('Confirm password')];

/** Create Password: two password callbacks → `transient.password`. */
export const createPasswordNode = defineNode({
  type: 'CreatePasswordNode',
  displayName: 'Create Password',
  category: 'social',
  description: 'Asks for a new password, twice.',
  config: Type.Object({ minPasswordLength: Type.Integer({ default: 8, minimum: 0, maximum: 1024, description: 'The shortest password accepted.' }) }),
  outcomes: ['outcome'],
  process(ctx): NodeAction {
    const submitted = (ctx.callbacks ?? []).filter((callback) => callback.type === 'PasswordCallback').map((callback) => inputValue(callback));
    if (submitted.length !== 2) return send(prompts());
    const [password, confirmation] = submitted;
    if (typeof password !== 'string' || password.trim() === '') return send(prompts());
    if (password.length < ctx.config.minPasswordLength) return send([...prompts(), textOutputCallback(`Password must be at least ${ctx.config.minPasswordLength} characters long.`, '2')]);
    if (password !== confirmation) return send([...prompts(), textOutputCallback('The passwords do not match.', '2')]);
    ctx.state.transient.password = password;
    return goTo('outcome');
  },
});
