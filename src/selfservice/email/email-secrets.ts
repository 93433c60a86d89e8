/**
 * What the email module keeps secret at rest, sealed with the master key (`SecretSealer`):
 * - the body of every message in the outbox (it carries the reset and registration links), sealed
 *   when the message is queued and opened only to deliver it or for `arbor mail show`; the store
 *   drops it once the message is sent or given up;
 * - the SMTP password of `external.email`, stored as a `$crypto` envelope and opened only to
 *   build the SMTP connection.
 * Bodies written before sealing existed (migration 0005 keeps them as clear JSON until they are
 * delivered) and a password stored in clear by an older Arbor are still read.
 */
import { isSecretsError } from '../../secrets/errors.ts';
import { asSealedEnvelope, type SealedEnvelope, sealedEnvelope } from '../../secrets/sealed-envelope.ts';
import type { SecretSealer } from '../../secrets/secret-sealer.ts';
import type { EmailSettings, SmtpAuth } from './email-settings.ts';
import type { MailBody, MailMessage, OutboxMail } from './ports.ts';

/** The purposes the sealed values are bound to. */
const BODY_PURPOSE = 'email outbox body';
const PASSWORD_PURPOSE = 'external.email auth.password';

/** The settings as the SMTP transport needs them: the password in clear, and a host. */
export type OpenedEmailSettings = EmailSettings & { host: string; auth?: SmtpAuth & { password?: string } };

/** Seals and opens the email module's secrets. */
export interface EmailSecrets {
  /** `message` as the outbox keeps it: the envelope, the body sealed. */
  sealMessage(message: MailMessage): OutboxMail;
  /** The message to deliver or show; undefined once its body was dropped (sent, failed). */
  openMessage(mail: OutboxMail): MailMessage | undefined;
  /** The SMTP password sealed for `external.email`. */
  sealPassword(password: string): SealedEnvelope;
  /** True when `value` is a password envelope this master key opens. */
  opensPassword(value: unknown): boolean;
  /** `settings` with the SMTP password opened, for the transport only. */
  openSettings(settings: EmailSettings & { host: string }): OpenedEmailSettings;
}

function parseBody(json: string): MailBody {
  const value: unknown = JSON.parse(json);
  if (typeof value !== 'object' || value === null || !('text' in value) || typeof value.text !== 'string') throw new TypeError('an outbox body without text');
  const html = 'html' in value && typeof value.html === 'string' ? value.html : undefined;
  return html === undefined ? { text: value.text } : { text: value.text, html };
}

/** The email secrets sealed and opened by `sealer`. */
export function createEmailSecrets(sealer: SecretSealer): EmailSecrets {
  const openPassword = (value: unknown): string | undefined => {
    if (typeof value === 'string') return value; // stored in clear by an older Arbor
    const envelope = asSealedEnvelope(value);
    return envelope === undefined ? undefined : sealer.open(envelope.$crypto.value.data, PASSWORD_PURPOSE);
  };
  return {
    sealMessage(message) {
      const { text, html, ...envelope } = message;
      const body: MailBody = html === undefined ? { text } : { text, html };
      return { ...envelope, contentType: html === undefined ? 'text/plain' : 'text/html', body: sealer.seal(JSON.stringify(body), BODY_PURPOSE) };
    },
    openMessage(mail) {
      const { contentType: _contentType, body, ...envelope } = mail;
      if (body === undefined) return undefined;
      return { ...envelope, ...parseBody(body.startsWith('{') ? body : sealer.open(body, BODY_PURPOSE)) };
    },
    sealPassword: (password) => sealedEnvelope(sealer.seal(password, PASSWORD_PURPOSE), sealer.keyId),
    opensPassword(value) {
      try {
        return asSealedEnvelope(value) !== undefined && openPassword(value) !== undefined;
      } catch (error) {
        if (isSecretsError(error)) return false;
        throw error;
      }
    },
    openSettings(settings) {
      const { auth, ...rest } = settings;
      if (auth === undefined) return rest;
      const { password, ...others } = auth;
      const opened = openPassword(password);
      return { ...rest, auth: opened === undefined ? others : { ...others, password: opened } };
    },
  };
}
