/**
 * OTP Email Sender (`OneTimePasswordSmtpSenderNode`): emails the code the HOTP Generator kept.
 * The subject and body come from the node's `emailSubject` and `emailContent` (locale maps, the
 * best for the request; AM's defaults "One Time Password" and "Your One Time Password:"); every
 * `{{OTP}}` in the body is replaced by the code, and a body without one gets the code at its end,
 * as AM's mail gateway does. A body with HTML tags goes as HTML (with a text part), else as text.
 *
 * Arbor sends the message through its email outbox and the realm's email settings
 * (`external.email`), like every other mail: the node's mail server keys (`hostName`, `hostPort`,
 * `username`, `password`, `passwordPurpose`, `sslOption`, `smsGatewayImplementationClass`) are
 * accepted and kept, so that AM exports import and export unchanged, but not used; `password` is
 * sealed at rest like every node secret and never exported. `fromEmailAddress` is the sender.
 *
 * The recipient, as AM finds it: `shared.emailAddress`, else `emailAttribute` of the journey's
 * `objectAttributes`, else that attribute of the identified user (`shared._id`, else the user
 * name), which is then kept in `shared.emailAddress`. When there is none (no such account, or an
 * account without an address), the same message is written to the outbox withheld, never
 * delivered, and the node goes on: the answer and the work done are the same as for an account,
 * so the journey does not tell who has one. (AM stops the journey with an error there.)
 *
 * The code is in the message body only, which the outbox keeps sealed until it is sent.
 */
import { amOtpSenderFields } from './am-otp-sender-fields.ts';
import { Type } from '@sinclair/typebox';
import { isEmailAddress } from '../../../policy/email-address-syntax.ts';
import { fail, goTo } from '../../engine/actions.ts';
import type { NodeAction } from '../../engine/actions.ts';
import { defineNode } from '../../engine/define-node.ts';
import { localize } from '../../engine/localize.ts';
import type { NodeMailMessage } from '../../engine/node-context.ts';
import { getObjectAttribute } from '../../engine/object-attributes.ts';
import { valueAtPath } from '../attribute-input.ts';
import { findJourneyUser, identityOf, userObject } from '../identified-user.ts';
import { localeMapField } from '../config-fields.ts';
import { readOneTimePassword } from './one-time-password-state.ts';

/** AM's shared-state key of the address the code went to. */
export const EMAIL_ADDRESS = 'emailAddress';
/** AM's subject when the node has none. */
export const DEFAULT_OTP_SUBJECT = 'One Time Password';
/** AM's body when the node has none (the code is appended). */
export const DEFAULT_OTP_CONTENT = 'Your One Time Password:';
/** Where a withheld message goes when nobody's address is known (RFC 2606: never a real host). */
export const NOBODY_ADDRESS = 'nobody@account.invalid';

const OTP_TOKEN = '{{OTP}}';
const HTML_TAG = /<\/?[a-z][a-z0-9]*(\s[^<>]*)?\/?>/i;

/** The first text of an attribute value (AM's attributes are multi-valued). */
function firstText(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}

/** The message for `code`, in the best of `locales`. */
export function otpMessage(config: { emailSubject: Record<string, string>; emailContent: Record<string, string>; fromEmailAddress: string }, code: string, locales: readonly string[]): NodeMailMessage {
  const subject = localize(config.emailSubject, locales) || DEFAULT_OTP_SUBJECT;
  const content = localize(config.emailContent, locales) || DEFAULT_OTP_CONTENT;
  const body = content.includes(OTP_TOKEN) ? content.replaceAll(OTP_TOKEN, code) : `${content} ${code}`;
  const from = config.fromEmailAddress.trim();
  return { ...(from === '' ? {} : { from }), subject, body, type: HTML_TAG.test(content) ? 'text/html' : 'text/plain' };
}

/** OTP Email Sender: the code mailed (or, for nobody's address, withheld), then `outcome`. */
export const oneTimePasswordSmtpSenderNode = defineNode({
  type: 'OneTimePasswordSmtpSenderNode',
  displayName: 'OTP Email Sender',
  category: 'basic authentication',
  description: 'Emails the one-time password to the user.',
  config: Type.Object({
    hostName: Type.Optional(Type.String({ description: 'Kept for AM compatibility; Arbor sends through the realm email settings (external.email).' })),
    ...amOtpSenderFields,
    fromEmailAddress: Type.String({ default: '', description: 'The sender; the realm email settings’ when empty.' }),
    emailAttribute: Type.String({ default: 'mail', minLength: 1, description: 'The attribute holding the address.' }),
    emailSubject: localeMapField({}, 'The subject by locale; "One Time Password" when empty.'),
    emailContent: localeMapField({}, 'The body by locale; every {{OTP}} is replaced by the code (else the code is appended).'),
  }),
  outcomes: ['outcome'],
  secretConfig: ['password'],
  async process(ctx): Promise<NodeAction> {
    const stored = readOneTimePassword(ctx.state);
    // A tree without a HOTP Generator before this node is broken (AM: a node error).
    if (stored === undefined) return fail();
    const { config } = ctx;
    const message = otpMessage(config, stored.code, ctx.request.locales);
    let address = firstText(ctx.state.shared[EMAIL_ADDRESS]) ?? firstText(getObjectAttribute(ctx.state, config.emailAttribute));
    if (address === undefined) {
      const user = await findJourneyUser(ctx);
      address = user === undefined ? undefined : firstText(valueAtPath(userObject(user), config.emailAttribute));
      if (address !== undefined) ctx.state.shared[EMAIL_ADDRESS] = address;
    }
    const { email } = ctx.services;
    if (address !== undefined) {
      await email.sendMessage(address, message);
      return goTo('outcome');
    }
    const typed = identityOf(ctx.state, 'userName');
    await email.sendMessage(typed !== undefined && isEmailAddress(typed) ? typed : NOBODY_ADDRESS, message, { withhold: true });
    return goTo('outcome');
  },
});
