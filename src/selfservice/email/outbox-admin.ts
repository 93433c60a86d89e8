/**
 * The outbox as an administrator sees it (the admin REST's `endpoint/outbox`): pages of messages,
 * newest first, with their delivery state and envelope but never a body (bodies carry one-time
 * links); one message with its body opened, while the outbox still keeps it; and "retry now" for a
 * message whose delivery failed and that can still be delivered. Nothing here holds the SMTP
 * settings, so no answer can carry their password.
 */
import type { EmailSecrets } from './email-secrets.ts';
import type { MailBody, OutboxMessage, OutboxRepository, OutboxStatus } from './ports.ts';

/** A message of a listing: its state and envelope, no body. */
export interface OutboxEntry {
  _id: string;
  status: OutboxStatus;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  contentType: string;
  template?: string;
  locale?: string;
  /** Failed delivery attempts so far. */
  attempts: number;
  lastError?: string;
  /** ISO times. */
  createdAt: string;
  nextAttemptAt?: string;
  sentAt?: string;
  /** True when the outbox still keeps the body (until the message is sent or given up). */
  bodyKept: boolean;
  /** True when `retry` would make it due now (pending with a failed attempt). */
  retryable: boolean;
}

/** One message with its body, when the outbox still keeps it (and the master key opens it). */
export interface OutboxDetail extends OutboxEntry {
  body?: MailBody;
}

/** What a retry did. */
export type OutboxRetryResult = { retried: true; entry: OutboxEntry } | { retried: false; reason: 'missing' } | { retried: false; reason: 'conflict'; message: string };

/** The administrator's view of the outbox. */
export interface OutboxAdmin {
  /** A page of messages, newest first; `hasMore` when another page follows. */
  list(options: { status?: OutboxStatus; pageSize: number; offset: number }): Promise<{ entries: OutboxEntry[]; hasMore: boolean }>;
  /** One message with its body (undefined when unknown). */
  read(id: string): Promise<OutboxDetail | undefined>;
  /** Makes a failing message due now; a conflict says in words why it cannot be. */
  retry(id: string): Promise<OutboxRetryResult>;
}

const iso = (ms: number): string => new Date(ms).toISOString();

function retryable(message: OutboxMessage): boolean {
  return message.status === 'pending' && message.attempts > 0;
}

/** `message` as a listing shows it. */
export function outboxEntryOf(message: OutboxMessage): OutboxEntry {
  const mail = message.message;
  const entry: OutboxEntry = {
    _id: message.id,
    status: message.status,
    from: mail.from,
    to: [...mail.to],
    cc: [...mail.cc],
    bcc: [...mail.bcc],
    subject: mail.subject,
    contentType: mail.contentType,
    attempts: message.attempts,
    createdAt: iso(message.createdAt),
    bodyKept: mail.body !== undefined,
    retryable: retryable(message),
  };
  if (message.template !== undefined) entry.template = message.template;
  if (message.locale !== undefined) entry.locale = message.locale;
  if (message.lastError !== undefined) entry.lastError = message.lastError;
  if (message.status === 'pending' || message.status === 'stored') entry.nextAttemptAt = iso(message.nextAttemptAt);
  if (message.sentAt !== undefined) entry.sentAt = iso(message.sentAt);
  return entry;
}

/** Why `message` cannot be retried, in words. */
function conflictOf(message: OutboxMessage): string {
  switch (message.status) {
    case 'sent':
      return 'This message was already delivered.';
    case 'failed':
      return 'This message was given up and its body is no longer kept (Arbor drops it, with its links, once a message fails for good): it cannot be sent again. Send a new one.';
    case 'withheld':
      return 'This message is never delivered: it was written for an address that has no account.';
    case 'stored':
      return 'This message waits for an SMTP server: it is delivered once external.email names one.';
    default:
      return 'This message has not failed: it is waiting for its first delivery attempt.';
  }
}

/** The outbox admin over `outbox`; `secrets` opens bodies, `clock` dates retries. */
export function createOutboxAdmin(deps: { outbox: OutboxRepository; secrets: Pick<EmailSecrets, 'openMessage'>; clock: { now(): number } }): OutboxAdmin {
  const { outbox } = deps;
  return {
    async list({ status, pageSize, offset }) {
      const messages = await outbox.list({ limit: pageSize + 1, offset, ...(status === undefined ? {} : { status }) });
      return { entries: messages.slice(0, pageSize).map(outboxEntryOf), hasMore: messages.length > pageSize };
    },
    async read(id) {
      const message = await outbox.get(id);
      if (message === undefined) return undefined;
      const detail: OutboxDetail = outboxEntryOf(message);
      const opened = message.message.body === undefined ? undefined : deps.secrets.openMessage(message.message);
      if (opened !== undefined) detail.body = opened.html === undefined ? { text: opened.text } : { text: opened.text, html: opened.html };
      return detail;
    },
    async retry(id) {
      const message = await outbox.get(id);
      if (message === undefined) return { retried: false, reason: 'missing' };
      if (!retryable(message) || !(await outbox.retryNow(id, deps.clock.now()))) return { retried: false, reason: 'conflict', message: conflictOf((await outbox.get(id)) ?? message) };
      const after = await outbox.get(id);
      return after === undefined ? { retried: false, reason: 'missing' } : { retried: true, entry: outboxEntryOf(after) };
    },
  };
}
