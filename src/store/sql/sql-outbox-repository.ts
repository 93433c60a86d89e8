/**
 * OutboxRepository on SQL (`email_outbox`, migrations 0003 and 0005). A claim is one UPDATE …
 * RETURNING over the due rows: on PostgreSQL the rows are picked `FOR UPDATE SKIP LOCKED`, so
 * concurrent claims take disjoint sets; on SQLite the statement holds the database's write lock
 * from its start. Outcomes are recorded only with the claim's lease, so a claim that expired
 * cannot overwrite the outcome of the worker that took the message over. The envelope is the
 * `message` JSON, the (sealed) body the `body` column, set to null when the message is sent or
 * given up; a message queued before 0005 keeps its body in the JSON (`text`, `html`), read as a
 * clear body until it is delivered, and removed then too.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { ClaimedMessage, OutboxMail, OutboxMessage, OutboxRepository, OutboxStats, OutboxStatus } from '../../selfservice/email/ports.ts';
import { OUTBOX_STATUSES } from '../../selfservice/email/ports.ts';
import type { Database, Int64Column, SqlDialectName } from './database.ts';
import { decodeJsonObject, encodeJson, int64 } from './json-column.ts';

/** `email_outbox`: one row per outgoing message. */
export interface EmailOutboxTable {
  id: string;
  status: string;
  message: string;
  /** The sealed body; null once the message is sent or failed (and for rows from before 0005). */
  body: string | null;
  template: string | null;
  locale: string | null;
  created_at: Int64Column;
  updated_at: Int64Column;
  attempts: number;
  next_attempt_at: Int64Column;
  lease: string | null;
  lease_expires_at: Int64Column | null;
  last_error: string | null;
  sent_at: Int64Column | null;
}

type OutboxDatabase = Database & { email_outbox: EmailOutboxTable };
type OutboxRow = Selectable<EmailOutboxTable>;

function isStatus(value: string): value is OutboxStatus {
  return (OUTBOX_STATUSES as readonly string[]).includes(value);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** The envelope and body of a row; a pre-0005 row's body is its JSON's `text` and `html`, in clear. */
function toOutboxMail(row: OutboxRow): OutboxMail {
  const value = decodeJsonObject(row.message);
  const text = (key: string): string => (typeof value[key] === 'string' ? value[key] : '');
  const legacyHtml = typeof value.html === 'string';
  const contentType = value.contentType === 'text/html' || value.contentType === 'text/plain' ? value.contentType : legacyHtml ? 'text/html' : 'text/plain';
  const mail: OutboxMail = { from: text('from'), to: strings(value.to), cc: strings(value.cc), bcc: strings(value.bcc), subject: text('subject'), contentType };
  const delivered = row.status === 'sent' || row.status === 'failed';
  if (row.body !== null) mail.body = row.body;
  else if (!delivered && typeof value.text === 'string') mail.body = JSON.stringify(legacyHtml ? { text: value.text, html: value.html } : { text: value.text });
  return mail;
}

function toMessage(row: OutboxRow): OutboxMessage {
  if (!isStatus(row.status)) throw new Error(`outbox message ${row.id} has an unknown status ${row.status}`);
  const message: OutboxMessage = {
    id: row.id,
    status: row.status,
    message: toOutboxMail(row),
    createdAt: int64(row.created_at),
    attempts: int64(row.attempts),
    nextAttemptAt: int64(row.next_attempt_at),
  };
  if (row.template !== null) message.template = row.template;
  if (row.locale !== null) message.locale = row.locale;
  if (row.last_error !== null) message.lastError = row.last_error;
  if (row.sent_at !== null) message.sentAt = int64(row.sent_at);
  return message;
}

function byDueTime(a: OutboxMessage, b: OutboxMessage): number {
  return a.nextAttemptAt - b.nextAttemptAt || a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1);
}

/** The outbox on `db` (a Kysely instance or a transaction). */
export function sqlOutboxRepository(database: Kysely<Database>, dialect: SqlDialectName): OutboxRepository {
  const db = database.withTables<{ email_outbox: EmailOutboxTable }>() as Kysely<OutboxDatabase>;
  const ms = (value: number): number => Math.floor(value);

  /** The envelope's JSON without a pre-0005 body (`text`, `html`), its content type kept. */
  const envelopeOnly =
    dialect === 'postgres'
      ? sql<string>`(message - 'text' - 'html') || jsonb_build_object('contentType', coalesce(message ->> 'contentType', case when message ? 'html' then 'text/html' else 'text/plain' end))`
      : sql<string>`json_set(json_remove(message, '$.text', '$.html'), '$.contentType', coalesce(json_extract(message, '$.contentType'), case when json_type(message, '$.html') is not null then 'text/html' else 'text/plain' end))`;

  /** Applies `changes` to message `id` if `lease` still holds it; `dropBody` forgets the body. */
  const settle = async (id: string, lease: string, changes: Omit<Updateable<EmailOutboxTable>, 'attempts'>, addAttempt: boolean, dropBody = false): Promise<boolean> => {
    const result = await db
      .updateTable('email_outbox')
      .set((eb) => ({ ...changes, lease: null, lease_expires_at: null, ...(addAttempt ? { attempts: eb('attempts', '+', 1) } : {}), ...(dropBody ? { body: null, message: envelopeOnly } : {}) }))
      .where('id', '=', id)
      .where('lease', '=', lease)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  };

  return {
    async enqueue(message, options) {
      const now = ms(options.now);
      const row = await db
        .insertInto('email_outbox')
        .values({
          id: randomUUID(),
          status: options.status,
          message: encodeJson({ from: message.from, to: message.to, cc: message.cc, bcc: message.bcc, subject: message.subject, contentType: message.contentType }),
          body: message.body ?? null,
          template: options.template ?? null,
          locale: options.locale ?? null,
          created_at: now,
          updated_at: now,
          attempts: 0,
          next_attempt_at: now,
          lease: null,
          lease_expires_at: null,
          last_error: null,
          sent_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toMessage(row);
    },

    async claim({ now, limit, leaseMs }) {
      const at = ms(now);
      const lease = randomBytes(16).toString('base64url');
      const leaseExpiresAt = ms(now + leaseMs);
      // The due ids are picked once (a materialized CTE): a plain `IN (… LIMIT n)` subquery may be
      // re-evaluated by PostgreSQL's planner and then claim more than `limit` rows.
      const rows = await db
        .with(
          (cte) => cte('due').materialized(),
          (qb) =>
            qb
              .selectFrom('email_outbox')
              .select('id')
              .where('status', 'in', ['pending', 'stored'])
              .where('next_attempt_at', '<=', at)
              .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<=', at)]))
              .orderBy('next_attempt_at')
              .orderBy('created_at')
              .limit(Math.max(0, Math.floor(limit)))
              .$if(dialect === 'postgres', (sq) => sq.forUpdate().skipLocked()),
        )
        .updateTable('email_outbox')
        .set({ lease, lease_expires_at: leaseExpiresAt })
        .where('id', 'in', (eb) => eb.selectFrom('due').select('due.id'))
        // Repeated: under READ COMMITTED a row re-read after a concurrent claim must still qualify.
        .where('status', 'in', ['pending', 'stored'])
        .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<=', at)]))
        .returningAll()
        .execute();
      return rows.map((row): ClaimedMessage => ({ ...toMessage(row), lease, leaseExpiresAt })).sort(byDueTime);
    },

    markSent: (id, lease, now) => settle(id, lease, { status: 'sent', sent_at: ms(now), updated_at: ms(now) }, false, true),

    markRetry: (id, lease, retry) =>
      settle(id, lease, { status: 'pending', next_attempt_at: ms(retry.nextAttemptAt), last_error: retry.error, updated_at: ms(retry.now) }, true),

    markFailed: (id, lease, failure) => settle(id, lease, { status: 'failed', last_error: failure.error, updated_at: ms(failure.now) }, true, true),

    async retryNow(id, now) {
      const result = await db
        .updateTable('email_outbox')
        .set({ next_attempt_at: ms(now), updated_at: ms(now) })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .where('attempts', '>=', 1)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async list({ status, limit, offset }) {
      const rows = await db
        .selectFrom('email_outbox')
        .selectAll()
        .$if(status !== undefined, (qb) => qb.where('status', '=', status ?? ''))
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(Math.max(0, Math.floor(limit)))
        .offset(Math.max(0, Math.floor(offset ?? 0)))
        .execute();
      return rows.map(toMessage);
    },

    async get(id) {
      const row = await db.selectFrom('email_outbox').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toMessage(row);
    },

    async stats() {
      // Only the undelivered statuses: the (status, next_attempt_at) index reads them without the sent history.
      const rows = await db
        .selectFrom('email_outbox')
        .select((eb) => ['status', eb.fn.countAll<number | string>().as('count'), eb.fn.min<number | string>('created_at').as('oldest')])
        .where('status', 'in', ['stored', 'pending'])
        .groupBy('status')
        .execute();
      const stats: OutboxStats = { stored: 0, pending: 0 };
      for (const row of rows) {
        if (row.status !== 'stored' && row.status !== 'pending') continue;
        stats[row.status] = int64(row.count);
        const oldest = int64(row.oldest);
        stats.oldestCreatedAt = Math.min(stats.oldestCreatedAt ?? oldest, oldest);
      }
      return stats;
    },
  };
}
