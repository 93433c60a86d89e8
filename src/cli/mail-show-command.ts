/**
 * `arbor mail show <id>`: one outbox message, its delivery state, headers and rendered body. The
 * body is stored sealed with the master key while the message waits, and opened here with the
 * key the server uses; once the message is sent or given up, the body (with its links) is gone
 * and the command says so.
 */
import { createEmailSecrets } from '../selfservice/email/email-secrets.ts';
import type { OutboxMessage } from '../selfservice/email/ports.ts';
import { cliError, usageError } from './cli-error.ts';
import type { CliCommand } from './command.ts';
import { defineCommand } from './define-command.ts';
import { parseCommandArgs } from './parse-command-args.ts';
import { readSecretSealer } from './read-secret-sealer.ts';

const usage = `Usage: arbor mail show <id> [--html]

Prints an outbox message: its status, attempts and last error, then its headers (From, To, Cc,
Bcc, Subject) and, after a blank line, its plain-text body. --html prints the HTML body instead
(for text/html messages). The id is the first column of \`arbor mail list\`.

The body is kept sealed with the master key (ARBOR_MASTER_KEY, else master.key in the data
directory) until the message is sent or given up; then it is dropped, with its links, and only
the headers remain.

Exit status: 0, 1 unknown id (or --html for a plain-text message, or no master key to open the
body), 2 usage error.`;

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
  lines.push(`Subject: ${mail.subject}`, `Content-Type: ${mail.contentType === 'text/plain' ? 'text/plain' : 'text/html (with a text/plain alternative)'}`);
  return lines;
}

/** The `mail show` command. */
export const mailShowCommand: CliCommand = defineCommand({
  path: ['mail', 'show'],
  summary: 'Print one outbox message with its headers and body',
  usage,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs({ args, options: { html: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
    if (values.help === true) {
      ctx.out(usage);
      return 0;
    }
    const [id, ...extra] = positionals;
    if (id === undefined || extra.length > 0) throw usageError(id === undefined ? 'name the message id' : 'give exactly one message id');
    const store = await ctx.openStore();
    try {
      const message = await store.outbox.get(id);
      if (message === undefined) throw cliError('REFUSED', `no message ${id} in the outbox`, 1);
      if (values.html && message.message.contentType === 'text/plain') throw cliError('REFUSED', `message ${id} is plain text; it has no HTML body`, 1);
      const sealer = message.message.body === undefined ? undefined : await readSecretSealer(ctx.env);
      if (message.message.body !== undefined && sealer === undefined) {
        throw cliError('REFUSED', `the body of message ${id} is sealed with the master key, which is not here: set ARBOR_MASTER_KEY, or run where the data directory holds master.key`, 1);
      }
      const mail = sealer === undefined ? undefined : createEmailSecrets(sealer).openMessage(message.message);
      for (const line of mailHeaders(message)) ctx.out(line);
      ctx.out('');
      if (mail === undefined) ctx.out(`(The body is no longer kept: Arbor drops it, with its links, once a message is ${message.status}. The headers above are all the outbox keeps.)`);
      else ctx.out(values.html ? (mail.html ?? '') : mail.text);
      return 0;
    } finally {
      await store.close();
    }
  },
});
