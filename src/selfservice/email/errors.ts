/**
 * Typed errors of the email module. A missing or disabled template is a value (`queued: false`);
 * these are for configuration that does not parse, templates that do not compile and bad messages.
 */

/** Stable codes of email errors. */
export type EmailErrorCode =
  /** `external.email` does not have IDM's shape; `field` names the offending field. */
  | 'INVALID_EMAIL_SETTINGS'
  /** An `emailTemplate/<name>` document does not have IDM's shape; `field` names the offending field. */
  | 'INVALID_EMAIL_TEMPLATE'
  /** A template name outside `^[A-Za-z0-9_-]{1,64}$`. */
  | 'INVALID_TEMPLATE_NAME'
  /** A Handlebars template that does not compile or fails while rendering (unknown partial…). */
  | 'TEMPLATE_RENDER_FAILED'
  /** A message to send that is incomplete or malformed (no recipient, a bad address, no subject…). */
  | 'INVALID_MESSAGE';

/** An email error: an `Error` with a stable `code` and, for validation errors, the field at fault. */
export interface EmailError extends Error {
  readonly code: EmailErrorCode;
  /** The dotted path of the offending field (`auth.password`, `message.fr`), when there is one. */
  readonly field?: string;
}

/** Makes an email error. */
export function emailError(code: EmailErrorCode, message: string, field?: string): EmailError {
  const extra = field === undefined ? { code } : { code, field };
  return Object.assign(new Error(message), { name: 'EmailError' }, extra);
}

/** True when `value` is an email error (with `code`, when given). */
export function isEmailError(value: unknown, code?: EmailErrorCode): value is EmailError {
  return value instanceof Error && value.name === 'EmailError' && (code === undefined || (value as Partial<EmailError>).code === code);
}
