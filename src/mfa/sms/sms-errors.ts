/** Typed errors of SMS delivery through the realm's webhook, with stable codes. */

export type SmsErrorCode =
  /** The realm has no `sms.webhookUrl`. */
  | 'SMS_NOT_CONFIGURED'
  /** The realm's `sms` section is not usable (no https URL, a bad header…); the message says which part. */
  | 'SMS_SETTINGS_INVALID'
  /** The webhook did not answer within `timeoutMs`. */
  | 'SMS_WEBHOOK_TIMEOUT'
  /** The webhook could not be reached (DNS, connection refused, TLS). */
  | 'SMS_WEBHOOK_UNREACHABLE'
  /** The webhook answered with a status other than 2xx. */
  | 'SMS_WEBHOOK_REJECTED';

/** An SMS error: an `Error` with a stable `code`. Its message never holds the text or the full number. */
export interface SmsError extends Error {
  readonly code: SmsErrorCode;
}

/** Makes an SMS error. */
export function smsError(code: SmsErrorCode, message: string): SmsError {
  return Object.assign(new Error(message), { name: 'SmsError', code });
}

/** True for errors made by `smsError`. */
export function isSmsError(error: unknown): error is SmsError {
  return error instanceof Error && error.name === 'SmsError' && typeof (error as { code?: unknown }).code === 'string';
}
