/**
 * Sends one text message through a realm's webhook: a `POST` of the JSON body
 * `{to, message, realm, subject?, journey?}` (`SmsWebhookBody`) with the realm's headers, no
 * redirect followed (the body holds a code), an answer within `timeoutMs`, any 2xx status taken
 * as accepted (the answer's body is not read). Failures are typed `SmsError`s whose messages name
 * the host and the status (or why `ARBOR_OUTBOUND_NETWORKS` refused the address), never the text
 * or the number.
 */
import type { ResolvedSmsSettings } from './sms-settings.ts';
import { isSmsError, smsError } from './sms-errors.ts';
import { isOutboundAddressError } from '../../net/outbound-networks.ts';

/** What the webhook receives. */
export interface SmsWebhookBody {
  /** The recipient's number as the user's profile holds it (`+32470123456`). */
  to: string;
  /** The text to send; it holds the code. */
  message: string;
  /** The realm name (`alpha`). */
  realm: string;
  /** The node's subject (AM's `smsSubject`), for gateways that use one. */
  subject?: string;
  /** The journey's name, when known. */
  journey?: string;
}

/** POSTs `body` to the realm's webhook; resolves when it accepted it, else throws an `SmsError`. */
export async function sendSmsThroughWebhook(settings: ResolvedSmsSettings, body: SmsWebhookBody, fetchFn: typeof fetch): Promise<void> {
  const host = settings.webhookUrl.host;
  let response: Response;
  try {
    response = await fetchFn(settings.webhookUrl, {
      method: 'POST',
      headers: { ...settings.headers, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      redirect: 'manual',
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
  } catch (error) {
    if (isSmsError(error)) throw error;
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      throw smsError('SMS_WEBHOOK_TIMEOUT', `The SMS webhook at ${host} did not answer within ${settings.timeoutMs} ms`);
    }
    const refusal = isOutboundAddressError(error) ? error : error instanceof Error && isOutboundAddressError(error.cause) ? error.cause : undefined;
    if (refusal !== undefined) throw smsError('SMS_WEBHOOK_UNREACHABLE', `The SMS webhook at ${host} was refused: ${refusal.message}`);
    throw smsError('SMS_WEBHOOK_UNREACHABLE', `The SMS webhook at ${host} could not be reached`);
  }
  // The answer is not needed; cancelling frees the connection.
  await response.body?.cancel().catch(() => {});
  if (response.status < 200 || response.status > 299) throw smsError('SMS_WEBHOOK_REJECTED', `The SMS webhook at ${host} answered ${response.status}`);
}
