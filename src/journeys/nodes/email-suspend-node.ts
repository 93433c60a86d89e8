/**
 * Email Suspend (`EmailSuspendNode`): emails a link that resumes the journey, then suspends it.
 * The template's object is the user found by `identityAttribute` (`objectLookup`) or the shared
 * `objectAttributes` (registration, before the user exists), plus `resumeURI`. When there is no
 * object or no address, nothing is sent, but the journey suspends with the same message: the
 * response never tells whether an account exists. Following the link runs the node again, which
 * then goes on.
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../engine/actions.ts';
import type { NodeAction, SuspendAction } from '../engine/actions.ts';
import { defineNode } from '../engine/define-node.ts';
import { localize } from '../engine/localize.ts';
import { OBJECT_ATTRIBUTES } from '../engine/object-attributes.ts';
import { valueAtPath } from './attribute-input.ts';
import { identityAttributeField, localeMapField } from './config-fields.ts';
import { findIdentifiedUser, userObject } from './identified-user.ts';

/** AM's default suspend message. */
export const DEFAULT_SUSPEND_MESSAGE = 'An email has been sent to the address you entered. Click the link in that email to proceed.';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Email Suspend: suspends with an emailed link; `outcome` when the link is followed. */
export const emailSuspendNode = defineNode({
  type: 'EmailSuspendNode',
  displayName: 'Email Suspend Node',
  category: 'self-service',
  description: 'Emails a link that resumes the journey, and suspends it until the link is followed.',
  config: Type.Object({
    emailTemplateName: Type.String({ default: 'registration', minLength: 1, description: 'The email template (emailTemplate-<name>).' }),
    emailAttribute: Type.String({ default: 'mail', minLength: 1, description: 'The attribute holding the address.' }),
    emailSuspendMessage: localeMapField({ en: DEFAULT_SUSPEND_MESSAGE }, 'Message shown while the journey waits, by locale.'),
    objectLookup: Type.Boolean({ default: false, description: 'Email the existing user found by identityAttribute (else the attributes collected).' }),
    identityAttribute: identityAttributeField(),
    suspendDuration: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'Minutes the link works; the realm default when empty.' })),
  }),
  outcomes: ['outcome'],
  async process(ctx): Promise<NodeAction> {
    if (ctx.resumedFromSuspend) return goTo('outcome');
    const { config } = ctx;
    const { locales } = ctx.request;
    let object: Record<string, unknown> | undefined;
    if (config.objectLookup) {
      const user = await findIdentifiedUser(ctx, config.identityAttribute);
      object = user === undefined ? undefined : userObject(user);
    } else {
      // Shared attributes only: secrets (the password) live in transient state and never go in an email.
      const shared = ctx.state.shared[OBJECT_ATTRIBUTES];
      object = isRecord(shared) ? structuredClone(shared) : undefined;
    }
    const address = object === undefined ? undefined : valueAtPath(object, config.emailAttribute);
    const recipient = typeof address === 'string' && address.trim() !== '' ? address.trim() : undefined;
    const { email } = ctx.services;
    const action: SuspendAction = {
      kind: 'suspend',
      message: localize(config.emailSuspendMessage, locales) || DEFAULT_SUSPEND_MESSAGE,
      async deliver(resumeUri) {
        if (object !== undefined && recipient !== undefined) await email.sendTemplate(config.emailTemplateName, recipient, { ...object, resumeURI: resumeUri }, locales);
      },
    };
    if (typeof config.suspendDuration === 'number') action.durationMinutes = config.suspendDuration;
    return action;
  },
});
