/**
 * OutboxRepository on SQL (`email_outbox`, migration 0003). A claim is one UPDATE … RETURNING over
 * the due rows: on PostgreSQL the rows are picked `FOR UPDATE SKIP LOCKED`, so concurrent claims
 * take disjoint sets; on SQLite the statement holds the database's write lock from its start.
 * Outcomes are recorded only with the claim's lease, so a claim that expired cannot overwrite the
 * outcome of the worker that took the message over.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { ClaimedMessage, MailMessage, OutboxMessage, OutboxRepository, OutboxStatus } from '../../selfservice/email/ports.ts';
import { OUTBOX_STATUSES } from '../../selfservice/email/ports.ts';
import type { Database, Int64Column, SqlDialectName } from './database.ts';
import { decodeJsonObject, encodeJson, int64 } from './json-column.ts';

/** `email_outbox`: one row per outgoing message. */
export interface EmailOutboxTable {
  id: string;
  status: string;
  message: string;
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

function toMailMessage(column: unknown): MailMessage {
  const value = decodeJsonObject(column);
  const text = (key: string): string => (typeof value[key] === 'string' ? value[key] : '');
  const message: MailMessage = { from: text('from'), to: strings(value.to), cc: strings(value.cc), bcc: strings(value.bcc), subject: text('subject'), text: text('text') };
  if (typeof value.html === 'string') message.html = value.html;
  return message;
}

function toMessage(row: OutboxRow): OutboxMessage {
  if (!isStatus(row.status)) throw new Error(`outbox message ${row.id} has an unknown status ${row.status}`);
  const message: OutboxMessage = {
    id: row.id,
    status: row.status,
    message: toMailMessage(row.message),
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

  /** Applies `changes` to message `id` if `lease` still holds it. */
  const settle = async (id: string, lease: string, changes: Omit<Updateable<EmailOutboxTable>, 'attempts'>, addAttempt: boolean): Promise<boolean> => {
    const result = await db
      .updateTable('email_outbox')
      .set((eb) => ({ ...changes, lease: null, lease_expires_at: null, ...(addAttempt ? { attempts: eb('attempts', '+', 1) } : {}) }))
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
          message: encodeJson(message),
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

    markSent: (id, lease, now) => settle(id, lease, { status: 'sent', sent_at: ms(now), updated_at: ms(now) }, false),

    markRetry: (id, lease, retry) =>
      settle(id, lease, { status: 'pending', next_attempt_at: ms(retry.nextAttemptAt), last_error: retry.error, updated_at: ms(retry.now) }, true),

    markFailed: (id, lease, failure) => settle(id, lease, { status: 'failed', last_error: failure.error, updated_at: ms(failure.now) }, true),

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
  };
}
