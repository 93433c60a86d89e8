/**
 * Email Suspend (`EmailSuspendNode`): emails a link that resumes the journey, then suspends it.
 * The template's object is the user found by `identityAttribute` (`objectLookup`) or the shared
 * `objectAttributes` (registration, before the user exists), plus `resumeURI`. When the lookup
 * finds no account, the same template is rendered from what the user typed and written to the
 * outbox **withheld** (never delivered), and the journey suspends with the same message: neither
 * the answer nor the work done (store operations, rendering) tells whether an account exists.
 * Following the link runs the node again, which then goes on.
 */
import { Type } from '@sinclair/typebox';
import { goTo } from '../engine/actions.ts';
import type { NodeAction, SuspendAction } from '../engine/actions.ts';
import { defineNode } from '../engine/define-node.ts';
import { localize } from '../engine/localize.ts';
import { OBJECT_ATTRIBUTES } from '../engine/object-attributes.ts';
import { valueAtPath } from './attribute-input.ts';
import { identityAttributeField, localeMapField } from './config-fields.ts';
import { findIdentifiedUser, identityOf, userObject } from './identified-user.ts';

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
    /** For an address without an account: what the user typed, to render and withhold. */
    let standIn: Record<string, unknown> | undefined;
    if (config.objectLookup) {
      const user = await findIdentifiedUser(ctx, config.identityAttribute);
      object = user === undefined ? undefined : userObject(user);
      const typed = identityOf(ctx.state, config.identityAttribute);
      if (user === undefined && typed !== undefined) standIn = { [config.identityAttribute]: typed };
    } else {
      // Shared attributes only: secrets (the password) live in transient state and never go in an email.
      const shared = ctx.state.shared[OBJECT_ATTRIBUTES];
      object = isRecord(shared) ? structuredClone(shared) : undefined;
    }
    const address = valueAtPath(object ?? standIn ?? {}, config.emailAttribute);
    const recipient = typeof address === 'string' && address.trim() !== '' ? address.trim() : undefined;
    const { email } = ctx.services;
    const action: SuspendAction = {
      kind: 'suspend',
      message: localize(config.emailSuspendMessage, locales) || DEFAULT_SUSPEND_MESSAGE,
      async deliver(resumeUri) {
        if (recipient === undefined) return;
        if (object !== undefined) await email.sendTemplate(config.emailTemplateName, recipient, { ...object, resumeURI: resumeUri }, locales);
        else if (standIn !== undefined) await email.withholdTemplate(config.emailTemplateName, recipient, { ...standIn, resumeURI: resumeUri }, locales);
      },
    };
    if (typeof config.suspendDuration === 'number') action.durationMinutes = config.suspendDuration;
    return action;
  },
});
