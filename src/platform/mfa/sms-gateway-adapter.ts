/**
 * The `SmsGateway` of the platform: the realm's `sms` settings (checked by
 * `resolveSmsSettings`), then one POST to its webhook (`sendSmsThroughWebhook`). Each delivery
 * gives one log line naming the realm, the webhook's host, the number masked to its last two
 * digits and, on failure, the stable code; never the text (it holds the code) nor the number.
 * `registerSmsGateway` is what the MFA capability calls to register it under `SMS_GATEWAY`.
 */
import { realmNameOfPath } from '../../config/realm-config.ts';
import type { RealmConfig } from '../../config/realm-config.ts';
import type { CapabilityContext } from '../platform-capability.ts';
import type { SmsGateway } from '../../journeys/nodes/mfa/sms/sms-gateway.ts';
import { SMS_GATEWAY } from '../../journeys/nodes/mfa/sms/sms-gateway.ts';
import { maskPhoneNumber } from '../../mfa/sms/mask-phone-number.ts';
import { isSmsError } from '../../mfa/sms/sms-errors.ts';
import type { SmsErrorCode } from '../../mfa/sms/sms-errors.ts';
import { resolveSmsSettings } from '../../mfa/sms/sms-settings.ts';
import { sendSmsThroughWebhook } from '../../mfa/sms/sms-webhook-client.ts';
import { cachedRealms } from '../cached-realms.ts';

/** A line about one delivery, for the platform's log. */
export interface SmsLogEntry {
  level: 'info' | 'warn';
  realm: string;
  /** The recipient, masked (`*********56`). */
  to: string;
  /** The webhook's host, when the settings named one. */
  host?: string;
  /** Set on a failure. */
  code?: SmsErrorCode;
  message: string;
}

/** Where lines about deliveries go. */
export type SmsLog = (entry: SmsLogEntry) => void;

/** What the gateway is built from. */
export interface SmsGatewayDeps {
  realms: { get(name: string): Promise<RealmConfig | undefined> };
  fetch: typeof fetch;
  log: SmsLog;
}

/** The gateway over `deps`. */
export function createSmsGateway(deps: SmsGatewayDeps): SmsGateway {
  return {
    async send(request) {
      const realm = realmNameOfPath(request.realm);
      const to = maskPhoneNumber(request.to);
      let host: string | undefined;
      try {
        const settings = resolveSmsSettings((await deps.realms.get(realm))?.sms);
        host = settings.webhookUrl.host;
        await sendSmsThroughWebhook(settings, { to: request.to, message: request.message, realm, ...(request.subject === undefined ? {} : { subject: request.subject }) }, deps.fetch);
        deps.log({ level: 'info', realm, to, host, message: 'SMS handed to the webhook' });
        return { sent: true };
      } catch (error) {
        if (!isSmsError(error)) throw error;
        deps.log({ level: 'warn', realm, to, ...(host === undefined ? {} : { host }), code: error.code, message: error.message });
        return { sent: false, code: error.code };
      }
    },
  };
}

/**
 * Registers the platform's SMS gateway for the MFA capability's nodes: the realms through the
 * platform's cache, the capability's `fetch`, lines to `log` (none when absent).
 */
export function registerSmsGateway(context: Pick<CapabilityContext, 'store' | 'clock' | 'cacheInvalidation' | 'fetch' | 'registry'>, log: SmsLog = () => {}): void {
  const realms = cachedRealms(context.store.realms, context.clock, context.cacheInvalidation);
  context.registry.register(SMS_GATEWAY, createSmsGateway({ realms, fetch: context.fetch, log }));
}
