/**
 * Delivers the outbox. Each run re-reads `external.email`: without an SMTP host nothing is
 * claimed (messages stay `stored`, which is not a failure); with one, due messages are claimed
 * under a lease (so two Arbor processes never send the same one), their sealed bodies opened,
 * sent, and marked sent (the store then drops the body), retried with exponential backoff, or
 * given up (`failed`, body dropped too) after the last attempt or a permanent refusal. The SMTP
 * password is opened only to build the transport.
 */
import type { ConfigRepository } from '../../config/ports.ts';
import type { EmailSecrets, OpenedEmailSettings } from './email-secrets.ts';
import type { EmailSettings } from './email-settings.ts';
import { isSmtpConfigured, readEmailSettings } from './email-settings.ts';
import type { ClaimedMessage, MailTransport, OutboxRepository } from './ports.ts';
import { isPermanentMailError } from './ports.ts';

/** What the worker is built from. */
export interface OutboxWorkerDeps {
  outbox: OutboxRepository;
  configs: ConfigRepository;
  clock: { now(): number };
  /** Opens the sealed bodies and the SMTP password. */
  secrets: Pick<EmailSecrets, 'openMessage' | 'openSettings'>;
  /** Makes the transport for a settings version (password opened); called again only when the settings change. */
  transportFor(settings: OpenedEmailSettings): MailTransport;
  /** Messages claimed per run (default 20). */
  batchSize?: number;
  /** How long a claim holds (default 10 minutes): longer than the worst SMTP timeouts of a batch. */
  leaseMs?: number;
  /** Failed attempts before giving up (default 10). */
  maxAttempts?: number;
  /** Reports failures of a run that `start()` started (there is no caller to reject). */
  onError?: (error: unknown) => void;
}

/** What one run did. */
export interface OutboxRunSummary {
  /** False when no SMTP host is configured: nothing was claimed. */
  configured: boolean;
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

/** The delivery worker. */
export interface OutboxWorker {
  /** One delivery pass over the due messages, after the pass already running (if any) ends. */
  runOnce(): Promise<OutboxRunSummary>;
  /** Runs a pass every `intervalMs` (the timer does not keep the process alive). */
  start(intervalMs: number): void;
  /** Stops the timer, waits for a running pass, closes the transport. */
  stop(): Promise<void>;
}

const MINUTE = 60_000;

/** The wait before the next attempt after `failedAttempts` failures: 1 min × 2^(n−1), at most 1 hour. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(MINUTE * 2 ** Math.max(0, failedAttempts - 1), 60 * MINUTE);
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 1000 ? `${text.slice(0, 1000)}…` : text;
}

/** Creates the worker. */
export function createOutboxWorker(deps: OutboxWorkerDeps): OutboxWorker {
  const { outbox, clock } = deps;
  const batchSize = deps.batchSize ?? 20;
  const leaseMs = deps.leaseMs ?? 10 * MINUTE;
  const maxAttempts = deps.maxAttempts ?? 10;
  let current: { version: string; transport: MailTransport } | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  /** Passes in flight, settled either way (for `stop()` and to skip overlapping timer ticks). */
  const passes = new Set<Promise<void>>();

  const transportFor = (settings: EmailSettings & { host: string }): MailTransport => {
    const version = JSON.stringify(settings);
    if (current?.version !== version) {
      current?.transport.close?.();
      current = { version, transport: deps.transportFor(deps.secrets.openSettings(settings)) };
    }
    return current.transport;
  };

  const deliver = async (transport: MailTransport, message: ClaimedMessage, summary: OutboxRunSummary): Promise<void> => {
    // A body that does not open (another master key) fails the run, not the message: it is left to
    // its lease and tried again once the key is right.
    const mail = deps.secrets.openMessage(message.message);
    if (mail === undefined) {
      await outbox.markFailed(message.id, message.lease, { now: clock.now(), error: 'the message has no body left to send' });
      summary.failed += 1;
      return;
    }
    try {
      await transport.send(mail, message.id);
    } catch (error) {
      const attempts = message.attempts + 1;
      const now = clock.now();
      if (attempts >= maxAttempts || isPermanentMailError(error)) {
        await outbox.markFailed(message.id, message.lease, { now, error: errorText(error) });
        summary.failed += 1;
      } else {
        await outbox.markRetry(message.id, message.lease, { now, nextAttemptAt: now + retryDelayMs(attempts), error: errorText(error) });
        summary.retried += 1;
      }
      return;
    }
    await outbox.markSent(message.id, message.lease, clock.now());
    summary.sent += 1;
  };

  const run = async (): Promise<OutboxRunSummary> => {
    const summary: OutboxRunSummary = { configured: false, claimed: 0, sent: 0, retried: 0, failed: 0 };
    const settings = await readEmailSettings(deps.configs);
    if (!isSmtpConfigured(settings)) return summary;
    summary.configured = true;
    const transport = transportFor(settings);
    const claimed = await outbox.claim({ now: clock.now(), limit: batchSize, leaseMs });
    summary.claimed = claimed.length;
    for (const message of claimed) {
      // A lease about to run out may already be someone else's by the time the server answers.
      if (clock.now() >= message.leaseExpiresAt - leaseMs / 2) break;
      await deliver(transport, message, summary);
    }
    return summary;
  };

  const runOnce = (): Promise<OutboxRunSummary> => {
    // A pass already running holds its messages under lease, where this one cannot claim them:
    // wait for it first, so that once this pass resolves every message due now was attempted.
    const pass = Promise.all(passes).then(run);
    const settled = pass.then(
      () => undefined,
      () => undefined,
    );
    passes.add(settled);
    void settled.then(() => passes.delete(settled));
    return pass;
  };

  return {
    runOnce,
    start(intervalMs) {
      if (timer !== undefined) return;
      timer = setInterval(() => {
        if (passes.size > 0) return;
        runOnce().catch((error: unknown) => deps.onError?.(error));
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      await Promise.all(passes);
      current?.transport.close?.();
      current = undefined;
    },
  };
}
