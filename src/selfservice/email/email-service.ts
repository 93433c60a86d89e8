/**
 * The email service: renders templates (journeys' `EmailGateway`, IDM's `_action=sendTemplate`)
 * or takes a ready message (`_action=send`) and writes it to the outbox, its body sealed. It
 * never talks SMTP: the outbox worker delivers. With no SMTP server configured a message is
 * `stored`, not `pending`.
 */
import type { ConfigRepository } from '../../config/ports.ts';
import type { EmailGateway } from '../../journeys/engine/node-context.ts';
import { addressList, singleRecipient } from './email-addresses.ts';
import type { EmailSecrets } from './email-secrets.ts';
import { isSmtpConfigured, readEmailSettings } from './email-settings.ts';
import { readEmailTemplate } from './email-template.ts';
import { emailError, isEmailError } from './errors.ts';
import { htmlToText } from './html-to-text.ts';
import type { MailMessage, OutboxOrigin, OutboxRepository } from './ports.ts';
import { renderEmail } from './render-email.ts';

/** What the email service is built from. */
export interface EmailServiceDeps {
  configs: ConfigRepository;
  outbox: OutboxRepository;
  clock: { now(): number };
  /** The sender when neither the template nor `external.email` names one (see `noreplyAddress`). */
  defaultFrom: string;
  /** Seals each message's body before it is written to the outbox. */
  secrets: Pick<EmailSecrets, 'sealMessage'>;
}

/** A templated message (`_action=sendTemplate`). */
export interface TemplateMailRequest {
  templateName: string;
  /** One address, a comma-separated list or an array. */
  to: unknown;
  cc?: unknown;
  bcc?: unknown;
  /** The Handlebars context's `object`. */
  object: Record<string, unknown>;
  /** The request's preferred locales, best first (Accept-Language). */
  locales: readonly string[];
  /** Written `withheld`, never delivered (a request about an address without an account). */
  withhold?: boolean;
}

/** What became of a templated message: queued (with its outbox id), or not sent at all. */
export type TemplateMailResult = { queued: true; id: string; locale: string } | { queued: false; reason: 'missing' | 'disabled' };

/** A ready message (`_action=send`), IDM's body. */
export interface DirectMailRequest {
  from?: string;
  to: unknown;
  cc?: unknown;
  bcc?: unknown;
  subject: string;
  body: string;
  /** `text/plain` (default), `text/html`, or `text/xml` (sent as text). */
  type?: string;
  /** Written `withheld`, never delivered (a message about an address without an account). */
  withhold?: boolean;
}

/** The email service. */
export interface EmailService extends EmailGateway {
  /**
   * Renders and queues template `templateName`; missing or disabled templates are not queued.
   * Throws INVALID_MESSAGE / INVALID_TEMPLATE_NAME (which `sendTemplate` answers as not queued).
   */
  queueTemplate(request: TemplateMailRequest): Promise<TemplateMailResult>;
  /** Queues a ready message; throws INVALID_MESSAGE naming the field at fault. */
  send(request: DirectMailRequest): Promise<{ id: string }>;
}

function recipients(to: unknown, cc: unknown, bcc: unknown): Pick<MailMessage, 'to' | 'cc' | 'bcc'> {
  return { to: [singleRecipient(to)], cc: addressList('cc', cc), bcc: addressList('bcc', bcc) };
}

/** Creates the email service. */
export function createEmailService(deps: EmailServiceDeps): EmailService {
  const { configs, outbox, clock } = deps;

  const enqueue = async (build: (settingsFrom: string | undefined) => MailMessage, origin: OutboxOrigin, withhold = false): Promise<{ id: string }> => {
    const settings = await readEmailSettings(configs);
    const message = build(settings?.from === '' ? undefined : settings?.from);
    const status = withhold ? 'withheld' : isSmtpConfigured(settings) ? 'pending' : 'stored';
    const queued = await outbox.enqueue(deps.secrets.sealMessage(message), { ...origin, status, now: clock.now() });
    return { id: queued.id };
  };

  const queueTemplate = async (request: TemplateMailRequest): Promise<TemplateMailResult> => {
    const template = await readEmailTemplate(configs, request.templateName);
    if (template === undefined) return { queued: false, reason: 'missing' };
    if (!template.enabled) return { queued: false, reason: 'disabled' };
    const addresses = recipients(request.to, request.cc, request.bcc);
    const rendered = renderEmail(template, request.object, request.locales);
    const { id } = await enqueue(
      (settingsFrom) => ({
        from: template.from || settingsFrom || deps.defaultFrom,
        ...addresses,
        subject: rendered.subject,
        text: rendered.text,
        ...(rendered.html === undefined ? {} : { html: rendered.html }),
      }),
      { template: request.templateName, locale: rendered.locale },
      request.withhold === true,
    );
    return { queued: true, id, locale: rendered.locale };
  };

  const send = async (request: DirectMailRequest): Promise<{ id: string }> => {
    const addresses = recipients(request.to, request.cc, request.bcc);
    const type = request.type ?? 'text/plain';
    if (type !== 'text/plain' && type !== 'text/html' && type !== 'text/xml') throw emailError('INVALID_MESSAGE', 'type must be text/plain, text/html or text/xml', 'type');
    const from = request.from === undefined || request.from === '' ? undefined : addressList('from', request.from);
    if (from !== undefined && from.length !== 1) throw emailError('INVALID_MESSAGE', 'from must be one address', 'from');
    const subject = request.subject.replace(/[\r\n]+/g, ' ').trim();
    const body = type === 'text/html' ? { text: htmlToText(request.body), html: request.body } : { text: request.body };
    return enqueue((settingsFrom) => ({ from: from?.[0] ?? settingsFrom ?? deps.defaultFrom, ...addresses, subject, ...body }), {}, request.withhold === true);
  };

  return {
    queueTemplate,
    async sendTemplate(templateName, to, object, locales) {
      try {
        const result = await queueTemplate({ templateName, to, object, locales });
        return { queued: result.queued };
      } catch (error) {
        // For a journey, a user whose address is malformed (or a template name that cannot
        // exist) is a mail that cannot be sent, not a failed request.
        if (isEmailError(error, 'INVALID_MESSAGE') || isEmailError(error, 'INVALID_TEMPLATE_NAME')) return { queued: false };
        throw error;
      }
    },
    async withholdTemplate(templateName, to, object, locales) {
      try {
        await queueTemplate({ templateName, to, object, locales, withhold: true });
      } catch (error) {
        // As `sendTemplate`: an address that cannot be one is no mail, not a failed request.
        if (isEmailError(error, 'INVALID_MESSAGE') || isEmailError(error, 'INVALID_TEMPLATE_NAME')) return;
        throw error;
      }
    },
    send,
    async sendMessage(to, message, options = {}) {
      try {
        await send({ ...message, to, withhold: options.withhold === true });
        return { queued: true };
      } catch (error) {
        // As `sendTemplate`: an address that cannot be one is no mail, not a failed request.
        if (isEmailError(error, 'INVALID_MESSAGE')) return { queued: false };
        throw error;
      }
    },
  };
}
