/**
 * OutboxRepository in memory, as the SQL outbox (`store/sql/sql-outbox-repository.ts`): a claim
 * takes due messages (`stored` or `pending`, due, not leased past `now`) oldest due first under a
 * fresh lease, in one step, so two claimers never get the same message while its lease runs;
 * outcomes are recorded only with the lease still held, which they spend, and a message sent or
 * given up loses its body. Times are whole milliseconds; messages are copied in and out.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { compareCodePoints } from '../../identity/query-filter/fold-case.ts';
import type { ClaimedMessage, OutboxMail, OutboxMessage, OutboxRepository, OutboxStats } from '../../selfservice/email/ports.ts';
import { fromJsonText, isJsonObject, toJsonText } from './json-text.ts';
import type { MemoryOutboxRecord } from './memory-state.ts';
import type { MemoryStateAccess } from './memory-state-access.ts';

const ms = (value: number): number => Math.floor(value);

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** A copy of `message` with exactly the fields of an outbox mail, as the SQL columns give them back. */
function copyOutboxMail(message: OutboxMail): OutboxMail {
  const value = fromJsonText(toJsonText(message));
  const fields = isJsonObject(value) ? value : {};
  const text = (key: string): string => {
    const field = fields[key];
    return typeof field === 'string' ? field : '';
  };
  const contentType = fields['contentType'] === 'text/html' ? 'text/html' : 'text/plain';
  const copy: OutboxMail = { from: text('from'), to: strings(fields['to']), cc: strings(fields['cc']), bcc: strings(fields['bcc']), subject: text('subject'), contentType };
  if (typeof fields['body'] === 'string') copy.body = fields['body'];
  return copy;
}

/** `message` without its body (sent or given up). */
function withoutBody(message: OutboxMail): OutboxMail {
  const { body: _body, ...envelope } = message;
  return envelope;
}

function toMessage(record: MemoryOutboxRecord): OutboxMessage {
  const message: OutboxMessage = {
    id: record.id,
    status: record.status,
    message: copyOutboxMail(record.message),
    createdAt: record.createdAt,
    attempts: record.attempts,
    nextAttemptAt: record.nextAttemptAt,
  };
  if (record.template !== undefined) message.template = record.template;
  if (record.locale !== undefined) message.locale = record.locale;
  if (record.lastError !== undefined) message.lastError = record.lastError;
  if (record.sentAt !== undefined) message.sentAt = record.sentAt;
  return message;
}

function byDueTime(a: MemoryOutboxRecord, b: MemoryOutboxRecord): number {
  return a.nextAttemptAt - b.nextAttemptAt || a.createdAt - b.createdAt || compareCodePoints(a.id, b.id);
}

function byNewest(a: MemoryOutboxRecord, b: MemoryOutboxRecord): number {
  return b.createdAt - a.createdAt || compareCodePoints(b.id, a.id);
}

/** A count or offset as SQL's LIMIT/OFFSET takes it: a whole, non-negative number. */
function count(value: number): number {
  return Math.max(0, Math.floor(value));
}

/** The outbox in the state `access` reaches. */
export function memoryOutboxRepository(access: MemoryStateAccess): OutboxRepository {
  /** Applies `changes` to message `id` if `lease` still holds it, and spends the lease. */
  const settle = (id: string, lease: string, changes: Partial<MemoryOutboxRecord>, addAttempt: boolean, dropBody = false): Promise<boolean> =>
    access.write((state) => {
      const record = state.outbox.get(id);
      if (record === undefined || record.lease === undefined || record.lease !== lease) return false;
      const message = dropBody ? withoutBody(record.message) : record.message;
      state.outbox.set(id, { ...record, ...changes, message, lease: undefined, leaseExpiresAt: undefined, attempts: record.attempts + (addAttempt ? 1 : 0) });
      return true;
    });

  return {
    async enqueue(message, options) {
      const now = ms(options.now);
      const record: MemoryOutboxRecord = {
        id: randomUUID(),
        status: options.status,
        message: copyOutboxMail(message),
        template: options.template,
        locale: options.locale,
        createdAt: now,
        updatedAt: now,
        attempts: 0,
        nextAttemptAt: now,
        lease: undefined,
        leaseExpiresAt: undefined,
        lastError: undefined,
        sentAt: undefined,
      };
      await access.write((state) => {
        state.outbox.set(record.id, record);
      });
      return toMessage(record);
    },

    async claim({ now, limit, leaseMs }) {
      const at = ms(now);
      const lease = randomBytes(16).toString('base64url');
      const leaseExpiresAt = ms(now + leaseMs);
      return access.write((state): ClaimedMessage[] => {
        const due = [...state.outbox.values()]
          .filter((record) => (record.status === 'pending' || record.status === 'stored') && record.nextAttemptAt <= at)
          .filter((record) => record.leaseExpiresAt === undefined || record.leaseExpiresAt <= at)
          .sort(byDueTime)
          .slice(0, count(limit));
        return due.map((record) => {
          const claimed = { ...record, lease, leaseExpiresAt };
          state.outbox.set(record.id, claimed);
          return { ...toMessage(claimed), lease, leaseExpiresAt };
        });
      });
    },

    markSent: (id, lease, now) => settle(id, lease, { status: 'sent', sentAt: ms(now), updatedAt: ms(now) }, false, true),

    markRetry: (id, lease, retry) =>
      settle(id, lease, { status: 'pending', nextAttemptAt: ms(retry.nextAttemptAt), lastError: retry.error, updatedAt: ms(retry.now) }, true),

    markFailed: (id, lease, failure) => settle(id, lease, { status: 'failed', lastError: failure.error, updatedAt: ms(failure.now) }, true, true),

    retryNow: (id, now) =>
      access.write((state) => {
        const record = state.outbox.get(id);
        if (record === undefined || record.status !== 'pending' || record.attempts < 1) return false;
        state.outbox.set(id, { ...record, nextAttemptAt: ms(now), updatedAt: ms(now) });
        return true;
      }),

    async list({ status, limit, offset }) {
      return [...access.read().outbox.values()]
        .filter((record) => status === undefined || record.status === status)
        .sort(byNewest)
        .slice(count(offset ?? 0))
        .slice(0, count(limit))
        .map(toMessage);
    },

    async get(id) {
      const record = access.read().outbox.get(id);
      return record === undefined ? undefined : toMessage(record);
    },

    async stats() {
      const stats: OutboxStats = { stored: 0, pending: 0 };
      for (const record of access.read().outbox.values()) {
        if (record.status !== 'stored' && record.status !== 'pending') continue;
        stats[record.status] += 1;
        stats.oldestCreatedAt = Math.min(stats.oldestCreatedAt ?? record.createdAt, record.createdAt);
      }
      return stats;
    },
  };
}
