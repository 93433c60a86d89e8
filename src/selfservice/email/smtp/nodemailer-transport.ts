/**
 * The SMTP adapter: a `MailTransport` on nodemailer, built from one version of `external.email`.
 * The only file that imports nodemailer. JavaMail semantics of IDM's document are kept: `ssl` is
 * TLS from the first byte, `starttls` requires the upgrade, neither means plain SMTP (no
 * opportunistic upgrade), and the three timeouts map to nodemailer's connection/greeting/socket ones.
 */
import type nodemailer from 'nodemailer';
import type { OpenedEmailSettings } from '../email-secrets.ts';
import type { EmailSettings } from '../email-settings.ts';
import type { MailMessage, MailTransport, PermanentMailError } from '../ports.ts';

type TransportOptions = Extract<NonNullable<Parameters<typeof nodemailer.createTransport>[0]>, { host?: unknown; requireTLS?: unknown }>;

/** Timeouts when `external.email` sets none (IDM's 300 s are long for a worker that holds leases). */
const DEFAULT_CONNECTION_TIMEOUT_MS = 30_000;
const DEFAULT_SOCKET_TIMEOUT_MS = 60_000;

/** The JavaMail `smtpProperties` this adapter understands, as `name=value` pairs. */
function javaMailProperties(settings: EmailSettings): Map<string, string> {
  const properties = new Map<string, string>();
  for (const line of settings.smtpProperties ?? []) {
    const index = line.indexOf('=');
    if (index > 0) properties.set(line.slice(0, index).trim(), line.slice(index + 1).trim());
  }
  return properties;
}

function tlsOptions(settings: EmailSettings): { minVersion?: 'TLSv1.2' | 'TLSv1.3'; rejectUnauthorized?: boolean } {
  const properties = javaMailProperties(settings);
  const tls: { minVersion?: 'TLSv1.2' | 'TLSv1.3'; rejectUnauthorized?: boolean } = {};
  const protocols = (properties.get('mail.smtp.ssl.protocols') ?? '').split(/[\s,]+/);
  if (protocols.includes('TLSv1.3') && !protocols.includes('TLSv1.2')) tls.minVersion = 'TLSv1.3';
  else if (protocols.includes('TLSv1.2')) tls.minVersion = 'TLSv1.2';
  // `mail.smtp.ssl.trust=*` is how IDM deployments accept a self-signed relay certificate.
  if (properties.get('mail.smtp.ssl.trust') === '*') tls.rejectUnauthorized = false;
  return tls;
}

/** nodemailer's transport options for `settings`. */
export function nodemailerOptions(settings: OpenedEmailSettings): TransportOptions {
  const ssl = settings.ssl?.enable === true;
  const starttls = settings.starttls?.enable === true;
  const connectionTimeout = settings.connectiontimeout || DEFAULT_CONNECTION_TIMEOUT_MS;
  const auth = settings.auth?.enable === true ? { user: settings.auth.username ?? '', pass: settings.auth.password ?? '' } : undefined;
  const name = javaMailProperties(settings).get('mail.smtp.localhost');
  return {
    host: settings.host,
    port: settings.port ?? (ssl ? 465 : starttls ? 587 : 25),
    secure: ssl,
    requireTLS: starttls,
    ignoreTLS: !ssl && !starttls,
    connectionTimeout,
    greetingTimeout: connectionTimeout,
    socketTimeout: Math.max(settings.timeout || DEFAULT_SOCKET_TIMEOUT_MS, settings.writetimeout || 0),
    tls: tlsOptions(settings),
    ...(auth === undefined ? {} : { auth }),
    ...(name === undefined || name === '' ? {} : { name }),
  };
}

/** A stable Message-ID for outbox message `id`, in the sender's domain. */
function messageIdOf(id: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'arbor.invalid';
  return `<${id}@${domain}>`;
}

/** True for a server answer that retrying cannot change: every recipient refused for good. */
function isPermanent(error: unknown): boolean {
  const { responseCode, command, code } = error as { responseCode?: unknown; command?: unknown; code?: unknown };
  const final = typeof responseCode === 'number' && [550, 551, 553].includes(responseCode);
  return final && (command === 'RCPT TO' || code === 'EENVELOPE');
}

/**
 * Our own error for a failed send: nodemailer marks every 5xx `permanent`, a bad password too,
 * which an admin fixes and the retries then get through; only refused recipients are final here.
 */
function asError(error: unknown): Error | PermanentMailError {
  const failure = new Error(error instanceof Error ? error.message : String(error), { cause: error });
  return isPermanent(error) ? Object.assign(failure, { permanent: true as const }) : failure;
}

/** A transport for `settings` (one version of `external.email`). */
export function createNodemailerTransport(settings: OpenedEmailSettings): MailTransport {
  // nodemailer is loaded with the first message, not when Arbor starts (most starts send none).
  let loaded: Promise<ReturnType<typeof nodemailer.createTransport>> | undefined;
  let transporter: ReturnType<typeof nodemailer.createTransport> | undefined;
  let closed = false;
  const open = () => {
    loaded ??= import('nodemailer').then((module) => {
      transporter = module.default.createTransport(nodemailerOptions(settings));
      // Closed while loading: nothing may keep its connections.
      if (closed) transporter.close();
      return transporter;
    });
    return loaded;
  };
  return {
    async send(message: MailMessage, messageId: string) {
      try {
        await (await open()).sendMail({
          from: message.from,
          to: message.to,
          cc: message.cc,
          bcc: message.bcc,
          subject: message.subject,
          text: message.text,
          ...(message.html === undefined ? {} : { html: message.html }),
          messageId: messageIdOf(messageId, message.from),
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
      } catch (error) {
        throw asError(error);
      }
    },
    close() {
      closed = true;
      transporter?.close();
    },
  };
}
