/**
 * The configuration keys AM's OTP senders (email and SMS) share for its own SMTP delivery: Arbor
 * keeps them so that AM exports import and export unchanged, and sends through its own channels
 * instead. The password is sealed at rest and never exported (the nodes' `secretConfig`).
 */
import { Type } from '@sinclair/typebox';

/** AM's SMTP keys of an OTP sender, kept and not used. */
export const amOtpSenderFields = {
  hostPort: Type.Optional(Type.Integer({ description: 'Kept for AM compatibility; not used.' })),
  username: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'Kept for AM compatibility; not used.' })),
  password: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'Kept for AM compatibility (sealed at rest, never exported); not used.' })),
  passwordPurpose: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'Kept for AM compatibility; not used.' })),
  sslOption: Type.Union([Type.Literal('SSL'), Type.Literal('NON_SSL'), Type.Literal('START_TLS')], { default: 'SSL', description: 'Kept for AM compatibility; not used.' }),
  smsGatewayImplementationClass: Type.String({ default: 'com.sun.identity.authentication.modules.hotp.DefaultSMSGatewayImpl', description: 'Kept for AM compatibility; not used.' }),
};
