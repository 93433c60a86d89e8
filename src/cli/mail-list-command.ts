/** `arbor mail list`: the email outbox, newest first, one line per message. */
import type { OutboxMessage, OutboxStatus } from '../selfservice/email/ports.ts';
import { OUTBOX_STATUSES } from '../selfservice/email/ports.ts';
import { usageError } from './cli-error.ts';
import type { CliCommand } from './command.ts';
import { defineCommand } from './define-command.ts';
import { integerOption } from './integer-option.ts';
import { parseCommandArgs } from './parse-command-args.ts';

const usage = `Usage: arbor mail list [--status stored|pending|sent|failed|withheld] [--limit 50] [--json]

Lists the email outbox, newest first (50 messages by default): id, status, creation time,
recipients, subject, attempts, and the next attempt, the delivery time or the last error.
  stored   no SMTP server was configured: the outbox is where the message is kept
  pending  waiting for its (next) delivery attempt
  sent     accepted by the SMTP server
  failed   given up after the last retry, or refused for good by the server
  withheld never delivered: written for an address without an account (docs/rest-api.md)
With --json, one outbox message per line as JSON. \`arbor mail show <id>\` prints a whole message.

Options:
  --status <status>  only messages in this state
  --limit <n>        messages to list, 1 to 10000 (default: 50)
  --json             one JSON object per message
  -h, --help         show this help

Exit status: 0, 2 usage error.`;

function isStatus(value: string): value is OutboxStatus {
  return (OUTBOX_STATUSES as readonly string[]).includes(value);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function state(message: OutboxMessage): string {
  switch (message.status) {
    case 'sent':
      return `sent ${iso(message.sentAt ?? message.createdAt)}`;
    case 'failed':
      return `error: ${message.lastError ?? ''}`;
    case 'pending':
      return message.attempts === 0 ? 'due now' : `next attempt ${iso(message.nextAttemptAt)}; error: ${message.lastError ?? ''}`;
    case 'withheld':
      return 'never delivered: no account has this address';
    default:
      return 'kept: no SMTP server configured';
  }
}

/** One tab-separated line for a message. */
export function mailListLine(message: OutboxMessage): string {
  const to = message.message.to.join(', ');
  return [message.id, message.status, iso(message.createdAt), to, message.message.subject, `attempts=${message.attempts}`, state(message)].join('\t');
}

/** The `mail list` command. */
export const mailListCommand: CliCommand = defineCommand({
  path: ['mail', 'list'],
  summary: 'List the email outbox',
  usage,
  async run(args, ctx) {
    const { values } = parseCommandArgs({ args, options: { status: { type: 'string' }, limit: { type: 'string', default: '50' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } } });
    if (values.help === true) {
      ctx.out(usage);
      return 0;
    }
    const limit = integerOption('limit', values.limit, 1, 10_000);
    const status = values.status;
    if (status !== undefined && !isStatus(status)) throw usageError(`--status must be one of ${OUTBOX_STATUSES.join(', ')}, got "${status}"`);
    const store = await ctx.openStore();
    try {
      const messages = await store.outbox.list({ limit, ...(status === undefined ? {} : { status }) });
      for (const message of messages) ctx.out(values.json ? JSON.stringify(message) : mailListLine(message));
      if (!values.json) ctx.err(`${messages.length} message${messages.length === 1 ? '' : 's'}${status === undefined ? '' : ` ${status}`}`);
      return 0;
    } finally {
      await store.close();
    }
  },
});
