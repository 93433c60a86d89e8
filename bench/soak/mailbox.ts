/**
 * The soak's mail sink: a real SMTP server (the tests' smtp-server sink) that hands each message to
 * whoever waits for its recipient, as the reset link of that address, and keeps nothing (ten minutes
 * of email would otherwise pile up in the load generator's memory).
 */
import type { ParsedMail } from 'mailparser';
import { startSmtpSink } from '../../src/selfservice/email/smtp/testing/smtp-sink.ts';

/** A running mailbox. */
export interface Mailbox {
  port: number;
  /** The resume link of the next email to `address` (waits at most `timeoutMs`; rejects after). */
  nextLink(address: string, timeoutMs: number): Promise<URL>;
  /** Emails received in all. */
  received(): number;
  stop(): Promise<void>;
}

function recipient(message: ParsedMail): string | undefined {
  const to = Array.isArray(message.to) ? message.to[0] : message.to;
  return to?.value[0]?.address?.toLowerCase();
}

function decodeEntities(text: string): string {
  return text.replace(/&amp;/g, '&').replace(/&#x3D;/gi, '=').replace(/&#61;/g, '=').replace(/&quot;/g, '"');
}

/** The first link of `message` carrying `suspendedId`, from its HTML or else its text. */
export function resumeLink(message: Pick<ParsedMail, 'html' | 'text'>): URL | undefined {
  const html = typeof message.html === 'string' ? message.html : '';
  const candidates = [...[...html.matchAll(/href="([^"]*)"/g)].map((match) => decodeEntities(match[1] ?? '')), ...[...(message.text ?? '').matchAll(/https?:\/\/\S+/g)].map((match) => match[0])];
  const link = candidates.find((candidate) => candidate.includes('suspendedId='));
  if (link === undefined) return undefined;
  try {
    return new URL(link);
  } catch {
    return undefined;
  }
}

/** Starts the mailbox on a free loopback port. */
export async function startMailbox(): Promise<Mailbox> {
  const waiting = new Map<string, { resolve(link: URL): void; reject(error: Error): void }[]>();
  /** Links that arrived before anyone asked (the next request of that address takes them). */
  const early = new Map<string, URL[]>();
  let count = 0;
  const sink = await startSmtpSink({
    beforeAccept(message) {
      count += 1;
      const address = recipient(message);
      const link = resumeLink(message);
      if (address === undefined || link === undefined) return;
      const waiter = waiting.get(address)?.shift();
      if (waiter !== undefined) waiter.resolve(link);
      else early.set(address, [...(early.get(address) ?? []), link]);
    },
  });
  // The sink keeps every message: drop them as they come, the links are handed over already.
  const drain = setInterval(() => sink.messages.splice(0), 1000);
  drain.unref();
  return {
    port: sink.port,
    received: () => count,
    nextLink(address, timeoutMs) {
      const key = address.toLowerCase();
      const ready = early.get(key)?.shift();
      if (ready !== undefined) return Promise.resolve(ready);
      return new Promise<URL>((resolve, reject) => {
        const entry = {
          resolve(link: URL) {
            clearTimeout(timer);
            resolve(link);
          },
          reject,
        };
        const timer = setTimeout(() => {
          const list = waiting.get(key) ?? [];
          const index = list.indexOf(entry);
          if (index >= 0) list.splice(index, 1);
          reject(new Error(`no email to ${address} within ${Math.round(timeoutMs / 1000)} s`));
        }, timeoutMs);
        waiting.set(key, [...(waiting.get(key) ?? []), entry]);
      });
    },
    async stop() {
      clearInterval(drain);
      await sink.stop();
    },
  };
}
