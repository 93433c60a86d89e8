/**
 * The audit service: `record` takes an event from any recorder, stamps it (id, ISO timestamp),
 * streams it as one JSON line when streaming is on, and appends it to the store in the background
 * (`access` events only when they are kept). Recording never fails or slows the request: a store
 * that throws is logged and counted, never rethrown; writes wait in a bounded queue (beyond it,
 * events are dropped and counted). `query` lists one topic newest first (or oldest first), a
 * CREST `_queryFilter` evaluated on every event, with offset paging over a bounded scan: what the
 * store can answer of the filter (equality on indexed fields, the time window) narrows what it
 * reads, and when that is the whole filter the store counts the matches (`EXACT` totals).
 */
import { randomUUID } from 'node:crypto';
import { matchesQueryFilter } from '../identity/query-filter/evaluate-query-filter.ts';
import type { QueryFilter } from '../identity/query-filter/query-filter.ts';
import type { AuditEvent, AuditEventInput, AuditTopic } from './audit-event.ts';
import { auditError } from './audit-errors.ts';
import type { AuditSettings } from './audit-settings.ts';
import { auditPushdownOf } from './audit-pushdown.ts';
import type { AuditPosition, AuditSelection, AuditStore } from './audit-store.ts';

/** What the service is built from. */
export interface AuditServiceDeps {
  store: AuditStore;
  settings: AuditSettings;
  clock: { now(): number };
  /** Where streamed lines go (process.stdout by default). */
  writeLine?: (line: string) => void;
  /** Told of every failed append (the server logs it). */
  onStoreError?: (error: unknown, event: AuditEvent) => void;
  /** Writes waiting for the store beyond this are dropped and counted (default 10 000). */
  maxPending?: number;
}

/** Paging of a query. */
export interface AuditPaging {
  /** Page size, 1–1000 (default 50). */
  pageSize?: number;
  /** Skip this many matches (at most 100 000). */
  offset?: number;
  /** Oldest first (`_sortKeys=timestamp`); newest first by default. */
  ascending?: boolean;
  /** Count the matches when the store can answer the whole filter (`_totalPagedResultsPolicy=EXACT`). */
  exactTotal?: boolean;
}

/** One page of events in IDM's query result shape. */
export interface AuditQueryResult {
  result: AuditEvent[];
  resultCount: number;
  /** The offset of the next page when there is one, else null. */
  pagedResultsCookie: string | null;
  /** `EXACT` when the matches were counted, else `NONE`. */
  totalPagedResultsPolicy: 'NONE' | 'EXACT';
  /** Every match, when counted; else -1. */
  totalPagedResults: number;
  remainingPagedResults: -1;
}

/** The counters an operator (and the tests) can read. */
export interface AuditCounters {
  recorded: number;
  storeFailures: number;
  dropped: number;
}

/** The audit service. */
export interface AuditService {
  /** Records one event; never throws, never waits for the store. */
  record(event: AuditEventInput): void;
  /** One page of `topic`'s events matching `filter` (in `realm` only, when given). */
  query(topic: AuditTopic, options: { filter: QueryFilter; realm?: string }, paging?: AuditPaging): Promise<AuditQueryResult>;
  /** Deletes stored events older than the retention period; how many went. */
  purgeExpired(): Promise<number>;
  /** Resolves once every write recorded so far has been tried. */
  settled(): Promise<void>;
  readonly counters: Readonly<AuditCounters>;
  /** True when `access` events go anywhere (stored, or streamed to stdout): else nobody need make them. */
  readonly keepsAccess: boolean;
}

const BATCH = 500;
/** At most this many stored events (of those the store selects) are read to answer one query. */
export const MAX_AUDIT_SCAN = 50_000;
const MAX_OFFSET = 100_000;
const DAY_MS = 86_400_000;
/** A query waits at most this long for the writes still on their way. */
const SETTLE_WAIT_MS = 2_000;

/** Builds the audit service. */
export function createAuditService(deps: AuditServiceDeps): AuditService {
  const { store, settings, clock } = deps;
  const writeLine = deps.writeLine ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const maxPending = deps.maxPending ?? 10_000;
  const pending = new Set<Promise<void>>();
  const counters: AuditCounters = { recorded: 0, storeFailures: 0, dropped: 0 };

  const stamp = (input: AuditEventInput, at: number): AuditEvent => {
    // The topic and time first: a log pipeline reads them before the rest.
    const { topic, ...rest } = input;
    return { topic, timestamp: new Date(at).toISOString(), _id: randomUUID(), ...rest } as AuditEvent;
  };

  const append = (event: AuditEvent, at: number): void => {
    if (pending.size >= maxPending) {
      counters.dropped += 1;
      return;
    }
    const write = (async () => {
      try {
        await store.append(event, at);
      } catch (error) {
        counters.storeFailures += 1;
        try {
          deps.onStoreError?.(error, event);
        } catch {
          // A failing logger must not fail the request either.
        }
      }
    })();
    pending.add(write);
    void write.finally(() => pending.delete(write));
  };

  return {
    counters,
    keepsAccess: settings.storeAccess || settings.stdout,
    record(input) {
      try {
        const at = clock.now();
        const event = stamp(input, at);
        counters.recorded += 1;
        if (settings.stdout) {
          try {
            writeLine(JSON.stringify(event));
          } catch {
            // A closed stdout is not the request's problem.
          }
        }
        if (event.topic === 'access' && !settings.storeAccess) return;
        append(event, at);
      } catch (error) {
        counters.storeFailures += 1;
        deps.onStoreError?.(error, { ...input, _id: '', timestamp: '' } as AuditEvent);
      }
    },

    async query(topic, options, paging = {}) {
      const pageSize = paging.pageSize ?? 50;
      const offset = paging.offset ?? 0;
      if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > 1000) throw auditError('AUDIT_QUERY_INVALID', '_pageSize must be a whole number from 1 to 1000');
      if (!Number.isSafeInteger(offset) || offset < 0 || offset > MAX_OFFSET) throw auditError('AUDIT_QUERY_INVALID', `_pagedResultsOffset must be a whole number from 0 to ${MAX_OFFSET}`);
      // What this process recorded is listed (a stuck store delays the answer by a bounded time only).
      await Promise.race([this.settled(), new Promise((resolve) => setTimeout(resolve, SETTLE_WAIT_MS).unref())]);
      const pushdown = auditPushdownOf(options.filter);
      const selection: AuditSelection = {
        topic,
        ...(options.realm === undefined ? {} : { realm: options.realm }),
        ...(Object.keys(pushdown.equals).length === 0 ? {} : { equals: pushdown.equals }),
        ...(pushdown.from === undefined ? {} : { from: pushdown.from }),
        ...(pushdown.to === undefined ? {} : { to: pushdown.to }),
      };
      const wanted = paging.ascending === true ? Infinity : offset + pageSize + 1;
      const matches: AuditEvent[] = [];
      let before: AuditPosition | undefined;
      let scanned = 0;
      while (matches.length < wanted && scanned < MAX_AUDIT_SCAN) {
        const batch = await store.list({ ...selection, limit: Math.min(BATCH, MAX_AUDIT_SCAN - scanned), ...(before === undefined ? {} : { before }) });
        scanned += batch.length;
        for (const { event } of batch) {
          if (matchesQueryFilter(options.filter, event as unknown as Record<string, unknown>)) matches.push(event);
        }
        const last = batch[batch.length - 1];
        if (last === undefined || batch.length < BATCH) break;
        before = { at: last.at, id: last.event._id };
      }
      const total = paging.exactTotal === true && pushdown.complete ? await store.count(selection) : undefined;
      const ordered = paging.ascending === true ? matches.reverse() : matches;
      const result = ordered.slice(offset, offset + pageSize);
      const more = ordered.length > offset + pageSize;
      return {
        result,
        resultCount: result.length,
        pagedResultsCookie: more ? String(offset + pageSize) : null,
        totalPagedResultsPolicy: total === undefined ? 'NONE' : 'EXACT',
        totalPagedResults: total ?? -1,
        remainingPagedResults: -1,
      };
    },

    async purgeExpired() {
      return store.purgeBefore(clock.now() - settings.retentionDays * DAY_MS);
    },

    async settled() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
