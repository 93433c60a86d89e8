/** `arbor mail show <id>`: one outbox message, its delivery state, headers and rendered body. */
import { parseArgs } from 'node:util';
import type { OutboxMessage } from '../selfservice/email/ports.ts';
import type { CliCommand } from './command.ts';

const usage = `Usage: arbor mail show <id> [--html]

Prints an outbox message: its status, attempts and last error, then its headers (From, To, Cc,
Bcc, Subject) and, after a blank line, its plain-text body. --html prints the HTML body instead
(for text/html messages). The id is the first column of \`arbor mail list\`.`;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The header block of `message`: delivery facts first, then the mail headers. */
export function mailHeaders(message: OutboxMessage): string[] {
  const lines = [`Id: ${message.id}`, `Status: ${message.status}`, `Created: ${iso(message.createdAt)}`, `Attempts: ${message.attempts}`];
  if (message.status === 'pending' || message.status === 'stored') lines.push(`Next attempt: ${iso(message.nextAttemptAt)}`);
  if (message.sentAt !== undefined) lines.push(`Sent: ${iso(message.sentAt)}`);
  if (message.lastError !== undefined) lines.push(`Last error: ${message.lastError}`);
  if (message.template !== undefined) lines.push(`Template: ${message.template}${message.locale === undefined ? '' : ` (${message.locale})`}`);
  const mail = message.message;
  lines.push(`From: ${mail.from}`, `To: ${mail.to.join(', ')}`);
  if (mail.cc.length > 0) lines.push(`Cc: ${mail.cc.join(', ')}`);
  if (mail.bcc.length > 0) lines.push(`Bcc: ${mail.bcc.join(', ')}`);
  lines.push(`Subject: ${mail.subject}`, `Content-Type: ${mail.html === undefined ? 'text/plain' : 'text/html (with a text/plain alternative)'}`);
  return lines;
}

/** The `mail show` command. */
export const mailShowCommand: CliCommand = {
  path: ['mail', 'show'],
  summary: 'Print one outbox message with its headers and body',
  usage,
  async run(args, ctx) {
    let parsed;
    try {
      parsed = parseArgs({ args, options: { html: { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
    } catch (error) {
      ctx.err(`arbor mail show: ${(error as Error).message}\n\n${usage}`);
      return 2;
    }
    const [id, ...extra] = parsed.positionals;
    if (id === undefined || extra.length > 0) {
      ctx.err(`arbor mail show: give exactly one message id\n\n${usage}`);
      return 2;
    }
    const store = await ctx.openStore();
    try {
      const message = await store.outbox.get(id);
      if (message === undefined) {
        ctx.err(`arbor mail show: no message ${id} in the outbox`);
        return 1;
      }
      if (parsed.values.html && message.message.html === undefined) {
        ctx.err(`arbor mail show: message ${id} is plain text; it has no HTML body`);
        return 1;
      }
      for (const line of mailHeaders(message)) ctx.out(line);
      ctx.out('');
      ctx.out(parsed.values.html ? (message.message.html ?? '') : message.message.text);
      return 0;
    } finally {
      await store.close();
    }
  },
};
