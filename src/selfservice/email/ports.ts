/**
 * Ports of the email module: the durable outbox every message is written to first, and the mail
 * transport the delivery worker hands messages to. Times are epoch milliseconds passed in by the
 * caller, so that the worker's injected clock is the only clock.
 */

/**
 * Where a message is: `stored` (no SMTP configured when it was queued: the outbox is its
 * destination until SMTP is configured), `pending` (waiting for its next delivery attempt),
 * `sent`, `failed` (given up after the last retry, or refused for good by the server), or
 * `withheld` (never delivered: rendered and written for an address that has no account, so that
 * a recovery request about nobody costs what one about an account costs).
 */
export type OutboxStatus = 'stored' | 'pending' | 'sent' | 'failed' | 'withheld';

/** Every outbox status, for parsing. */
export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['stored', 'pending', 'sent', 'failed', 'withheld'];

/** The headers of a message: all the outbox keeps of it once it is sent or given up. */
export interface MailEnvelope {
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
}

/** The body of a message: what carries the links (a password reset's, a registration's). */
export interface MailBody {
  /** The plain-text body (derived from the HTML for HTML mails). */
  text: string;
  /** The HTML body, for text/html mails only. */
  html?: string;
}

/** A rendered message, ready for SMTP. */
export interface MailMessage extends MailEnvelope, MailBody {}

/** How a message's body is sent. */
export type MailContentType = 'text/plain' | 'text/html';

/**
 * A message as the outbox keeps it: the envelope, and the body sealed by the email module (see
 * `email-secrets.ts`) for as long as the message may still be delivered. The store keeps `body`
 * as an opaque string and drops it when the message is `sent` or `failed`.
 */
export interface OutboxMail extends MailEnvelope {
  /** `text/html` (with a text alternative) or `text/plain`; kept after the body is dropped. */
  contentType: MailContentType;
  /** The sealed body; absent once the message is sent or given up. */
  body?: string;
}

/** What the outbox keeps besides the message: where it came from. */
export interface OutboxOrigin {
  /** The email template it was rendered from, when there was one. */
  template?: string;
  /** The locale it was rendered in. */
  locale?: string;
}

/** One message in the outbox. */
export interface OutboxMessage extends OutboxOrigin {
  id: string;
  status: OutboxStatus;
  message: OutboxMail;
  createdAt: number;
  /** Failed delivery attempts so far. */
  attempts: number;
  /** When the message is due for delivery (the next retry for a pending one). */
  nextAttemptAt: number;
  /** The error of the last failed attempt. */
  lastError?: string;
  sentAt?: number;
}

/** A message claimed for delivery: nobody else gets it until `leaseExpiresAt`. */
export interface ClaimedMessage extends OutboxMessage {
  /** Proof of the claim; the outcome of the attempt is recorded only with it. */
  lease: string;
  leaseExpiresAt: number;
}

/** The durable outbox. */
export interface OutboxRepository {
  /** Writes a new message (`stored` or `pending`, due at `now`; or `withheld`, never due). */
  enqueue(message: OutboxMail, options: OutboxOrigin & { status: 'stored' | 'pending' | 'withheld'; now: number }): Promise<OutboxMessage>;
  /**
   * Claims up to `limit` due messages (`stored` or `pending`, `nextAttemptAt <= now`, not leased
   * by anyone until after `now`) for `leaseMs`, in one atomic statement: two callers, in one
   * process or in two, never get the same message while its lease runs. Oldest due first.
   */
  claim(options: { now: number; limit: number; leaseMs: number }): Promise<ClaimedMessage[]>;
  /**
   * Records a delivery and drops the message's `body` (the envelope stays); false when the lease
   * is no longer the holder's (it expired and was reclaimed).
   */
  markSent(id: string, lease: string, now: number): Promise<boolean>;
  /** Records a failed attempt: `pending` again, due at `nextAttemptAt`, one attempt more. */
  markRetry(id: string, lease: string, retry: { now: number; nextAttemptAt: number; error: string }): Promise<boolean>;
  /** Gives up: `failed`, one attempt more, with the last error; the `body` is dropped. */
  markFailed(id: string, lease: string, failure: { now: number; error: string }): Promise<boolean>;
  /**
   * An administrator's "retry now": a `pending` message with at least one failed attempt becomes
   * due at `now` (its attempts and last error kept); false for any other message (unknown, never
   * attempted, stored, sent, failed or withheld: a failed message's body is gone, nothing is left
   * to send).
   */
  retryNow(id: string, now: number): Promise<boolean>;
  /** Messages, newest first, optionally of one status. */
  list(options: { status?: OutboxStatus; limit: number; offset?: number }): Promise<OutboxMessage[]>;
  get(id: string): Promise<OutboxMessage | undefined>;
  /** How much waits for delivery (`stored` and `pending` messages): cheap enough for every metrics scrape. */
  stats(): Promise<OutboxStats>;
}

/** What the outbox holds that is not delivered yet. */
export interface OutboxStats {
  /** Messages waiting for SMTP to be configured. */
  stored: number;
  /** Messages waiting for their first or next delivery attempt. */
  pending: number;
  /** When the oldest `stored` or `pending` message was queued (epoch ms); undefined when none waits. */
  oldestCreatedAt?: number;
}

/** Hands a message to a mail server. Rejects when it was not accepted. */
export interface MailTransport {
  /** Sends `message`; `messageId` becomes its Message-ID header, stable across retries. */
  send(message: MailMessage, messageId: string): Promise<void>;
  /** Releases connections (called when the settings change and on shutdown). */
  close?(): void;
}

/** A transport error the server gave as final (a rejected recipient): retrying cannot help. */
export interface PermanentMailError extends Error {
  readonly permanent: true;
}

/** True for an error a transport marked as permanent. */
export function isPermanentMailError(error: unknown): error is PermanentMailError {
  return error instanceof Error && (error as Partial<PermanentMailError>).permanent === true;
}
