/**
 * How the OTP SMS Sender reaches the realm's SMS delivery: the MFA capability registers an
 * `SmsGateway` under `SMS_GATEWAY` (`src/platform/mfa/sms-gateway-adapter.ts`), and the node finds
 * it through `services.capabilities`.
 */
import { capabilityKey } from '../../../engine/capabilities.ts';

/** One text message to send. */
export interface SmsRequest {
  /** The request's AM realm path (`/alpha`). */
  realm: string;
  /** The recipient's number. */
  to: string;
  /** The text; it holds the code. */
  message: string;
  /** The node's subject, for gateways that use one. */
  subject?: string;
}

/** What became of a message: `sent` once the gateway accepted it, else the stable reason. */
export type SmsResult = { sent: true } | { sent: false; code: string };

/** Sends text messages for nodes. Never throws for a delivery failure: it answers `sent: false`. */
export interface SmsGateway {
  send(request: SmsRequest): Promise<SmsResult>;
}

export const SMS_GATEWAY = capabilityKey<SmsGateway>('mfa-sms-gateway');
