/**
 * OTP SMS Sender (`OneTimePasswordSmsSenderNode`): texts the code the HOTP Generator kept to the
 * user's phone, then leaves by `outcome`. The number is the first value of the user's
 * `mobilePhoneAttributeName` attribute (AM's default `telephoneNumber`; the user is `shared._id`,
 * else the one identified by `userName`). The text is the node's `smsContent` (a locale map, AM's
 * default "Your One Time Password:") with every `{{OTP}}` replaced by the code, or the code
 * appended when there is none; `smsSubject` (default "One Time Password") goes with it.
 *
 * Arbor sends through the realm's SMS webhook (the realm config's `sms` section, see
 * docs/mfa-devices-and-sms.md), reached through the `SMS_GATEWAY` capability. AM's keys for its
 * email-to-SMS gateway (`hostName`, `hostPort`, `username`, `password`, `passwordPurpose`,
 * `sslOption`, `fromEmailAddress`, `smsGatewayImplementationClass`, `mobileCarrierAttributeName`)
 * are accepted and kept, so that AM exports import and export unchanged, but not used;
 * `password` is sealed at rest like every node secret and never exported.
 *
 * As in AM, the journey ends in failure when there is no code, no user, no number, or the
 * gateway does not take the message. Neither the code nor the number is ever logged here.
 */
import { amOtpSenderFields } from '../../otp/am-otp-sender-fields.ts';
import { Type } from '@sinclair/typebox';
import { fail, goTo } from '../../../engine/actions.ts';
import type { NodeAction } from '../../../engine/actions.ts';
import { defineNode } from '../../../engine/define-node.ts';
import { localize } from '../../../engine/localize.ts';
import { valueAtPath } from '../../attribute-input.ts';
import { localeMapField } from '../../config-fields.ts';
import { findJourneyUser, userObject } from '../../identified-user.ts';
import { readOneTimePassword } from '../../otp/one-time-password-state.ts';
import { SMS_GATEWAY } from './sms-gateway.ts';

/** AM's subject when the node has none. */
export const DEFAULT_SMS_SUBJECT = 'One Time Password';
/** AM's text when the node has none (the code is appended). */
export const DEFAULT_SMS_CONTENT = 'Your One Time Password:';
/** AM's attribute of the number. */
export const DEFAULT_PHONE_ATTRIBUTE = 'telephoneNumber';

const OTP_TOKEN = '{{OTP}}';
/** A phone number as profiles hold them: digits, an optional leading +, spaces, dots, dashes, brackets. */
const PHONE_NUMBER = /^\+?[0-9 ().-]{3,32}$/;

/** The text for `code` in the best of `locales`. */
export function smsText(content: Record<string, string>, code: string, locales: readonly string[]): string {
  const text = localize(content, locales) || DEFAULT_SMS_CONTENT;
  return text.includes(OTP_TOKEN) ? text.replaceAll(OTP_TOKEN, code) : `${text} ${code}`;
}

/** The first plausible phone number of an attribute value (AM's attributes are multi-valued). */
function phoneNumberOf(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first !== 'string') return undefined;
  const trimmed = first.trim();
  return PHONE_NUMBER.test(trimmed) && /\d{3}/.test(trimmed.replace(/\D/g, '')) ? trimmed : undefined;
}

/** OTP SMS Sender: the code texted through the realm's webhook, then `outcome`. */
export const oneTimePasswordSmsSenderNode = defineNode({
  type: 'OneTimePasswordSmsSenderNode',
  displayName: 'OTP SMS Sender',
  category: 'basic authentication',
  description: 'Texts the one-time password to the user’s phone through the realm’s SMS webhook.',
  config: Type.Object({
    hostName: Type.Optional(Type.String({ description: 'Kept for AM compatibility; Arbor sends through the realm’s SMS webhook (sms.webhookUrl).' })),
    ...amOtpSenderFields,
    fromEmailAddress: Type.Optional(Type.String({ description: 'Kept for AM compatibility (the sender of AM’s email-to-SMS mail); not used.' })),
    mobilePhoneAttributeName: Type.String({ default: DEFAULT_PHONE_ATTRIBUTE, description: 'The user attribute holding the phone number.' }),
    mobileCarrierAttributeName: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'Kept for AM compatibility (email-to-SMS carrier domain); not used.' })),
    smsSubject: localeMapField({}, 'The subject by locale, for gateways that use one; "One Time Password" when empty.'),
    smsContent: localeMapField({}, 'The text by locale; every {{OTP}} is replaced by the code (else the code is appended).'),
  }),
  outcomes: ['outcome'],
  secretConfig: ['password'],
  async process(ctx): Promise<NodeAction> {
    const stored = readOneTimePassword(ctx.state);
    if (stored === undefined) return fail();
    const user = await findJourneyUser(ctx);
    if (user === undefined) return fail();
    const attribute = ctx.config.mobilePhoneAttributeName.trim() || DEFAULT_PHONE_ATTRIBUTE;
    const to = phoneNumberOf(valueAtPath(userObject(user), attribute));
    if (to === undefined) return fail();
    const result = await ctx.services.capabilities.get(SMS_GATEWAY).send({
      realm: ctx.request.realm,
      to,
      message: smsText(ctx.config.smsContent, stored.code, ctx.request.locales),
      subject: localize(ctx.config.smsSubject, ctx.request.locales) || DEFAULT_SMS_SUBJECT,
    });
    return result.sent ? goTo('outcome') : fail();
  },
});
