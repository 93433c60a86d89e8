/**
 * Username Collector (`UsernameCollectorNode`): the classic AM collector. Asks for a username
 * until a non-empty one comes back and stores it as `shared.username`.
 */
import { Type } from '@sinclair/typebox';
import { goTo, send } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { nameCallback } from '../engine/callback-builders.ts';
import { inputValue } from '../engine/callbacks.ts';
import { defineNode } from '../engine/define-node.ts';

/** Username Collector: NameCallback "User Name" → `shared.username`. */
export const usernameCollectorNode = defineNode({
  type: 'UsernameCollectorNode',
  displayName: 'Username Collector',
  category: 'basic authentication',
  description: 'Asks for a username.',
  config: Type.Object({}),
  outcomes: ['outcome'],
  process(ctx): NodeAction {
    const submitted = ctx.callbacks?.find((callback) => callback.type === 'NameCallback');
    const username = inputValue(submitted);
    if (typeof username !== 'string' || username.trim() === '') return send([nameCallback('User Name')]);
    ctx.state.shared['username'] = username;
    return goTo('outcome');
  },
});
