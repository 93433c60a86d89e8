/**
 * Display Username (`DisplayUserNameNode`): shows the user their username in a TextOutputCallback
 * (forgotten-username journeys without email). The name comes from the journey's
 * `objectAttributes`, else from the user found by `identityAttribute`. The node goes on once the
 * step comes back; when no user is known it shows nothing and goes on.
 */
import { Type } from '@sinclair/typebox';
import { goTo, send } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { textOutputCallback } from '../engine/callback-builders.ts';
import { defineNode } from '../engine/define-node.ts';
import { getObjectAttribute } from '../engine/object-attributes.ts';
import { valueAtPath } from './attribute-input.ts';
import { identityAttributeField } from './config-fields.ts';
import { findIdentifiedUser } from './identified-user.ts';

/** The message shown: "Your username is: <name>". */
export function usernameMessage(username: string): string {
  return `Your username is: ${username}`;
}

/** Display Username: shows the username, then `outcome`. */
export const displayUserNameNode = defineNode({
  type: 'DisplayUserNameNode',
  displayName: 'Display Username',
  category: 'self-service',
  description: 'Shows the user their username.',
  config: Type.Object({
    userName: Type.String({ default: 'userName', minLength: 1, description: 'The attribute to show.' }),
    identityAttribute: identityAttributeField('mail'),
  }),
  outcomes: ['outcome'],
  async process(ctx): Promise<NodeAction> {
    if (ctx.callbacks !== undefined) return goTo('outcome');
    let username = getObjectAttribute(ctx.state, ctx.config.userName);
    if (typeof username !== 'string' || username === '') {
      const user = await findIdentifiedUser(ctx, ctx.config.identityAttribute);
      username = user === undefined ? undefined : valueAtPath(user.attributes, ctx.config.userName);
    }
    if (typeof username !== 'string' || username === '') return goTo('outcome');
    return send([textOutputCallback(usernameMessage(username), '0')]);
  },
});
