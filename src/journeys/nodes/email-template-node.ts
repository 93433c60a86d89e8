/**
 * Email Template (`EmailTemplateNode`): sends an email template (a welcome message, a notice)
 * to the journey's user, found by `identityAttribute`, with the user as the template's object.
 * The message goes through the outbox, so `EMAIL_SENT` means queued for delivery.
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../engine/actions.ts';
import type { NodeAction } from '../engine/actions.ts';
import { defineNode } from '../engine/define-node.ts';
import { valueAtPath } from './attribute-input.ts';
import { identityAttributeField } from './config-fields.ts';
import { findIdentifiedUser, userObject } from './identified-user.ts';

/** Email Template: `EMAIL_SENT` when queued; `EMAIL_NOT_SENT` without a user, an address or an enabled template. */
export const emailTemplateNode = defineNode({
  type: 'EmailTemplateNode',
  displayName: 'Email Template Node',
  category: 'self-service',
  description: 'Sends an email template to the user.',
  config: Type.Object({
    emailTemplateName: Type.String({ default: 'welcome', minLength: 1, description: 'The email template (emailTemplate-<name>).' }),
    emailAttribute: Type.String({ default: 'mail', minLength: 1, description: 'The attribute holding the address.' }),
    identityAttribute: identityAttributeField(),
  }),
  outcomes: ['EMAIL_SENT', 'EMAIL_NOT_SENT'],
  async process(ctx): Promise<NodeAction> {
    const user = await findIdentifiedUser(ctx, ctx.config.identityAttribute);
    if (user === undefined) return goTo('EMAIL_NOT_SENT');
    const object = userObject(user);
    const address = valueAtPath(object, ctx.config.emailAttribute);
    if (typeof address !== 'string' || address.trim() === '') return goTo('EMAIL_NOT_SENT');
    const { queued } = await ctx.services.email.sendTemplate(ctx.config.emailTemplateName, address.trim(), object, ctx.request.locales);
    return goTo(queued ? 'EMAIL_SENT' : 'EMAIL_NOT_SENT');
  },
});
