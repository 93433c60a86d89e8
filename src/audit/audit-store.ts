/**
 * Storage port for audit events: appended, listed newest first (by topic, optionally one realm,
 * equality on the indexed fields and a time window, in pages that continue before a position),
 * counted, and purged by age. Events are never changed. Adapters: memory
 * (`store/memory/memory-audit-store.ts`), SQL (`store/sql/sql-audit-store.ts`, table `audit_events`).
 */
import type { AuditEvent, AuditTopic } from './audit-event.ts';
import type { AuditIndexedField } from './audit-indexed-fields.ts';

/** Where a listing continues: strictly older than this event (timestamp, then id). */
export interface AuditPosition {
  /** Epoch milliseconds of the event. */
  at: number;
  id: string;
}

/**
 * Equality on indexed fields: an event is selected when, for every field named, its value is a
 * string equal to one of the values, compared case-insensitively as `_queryFilter` compares
 * strings (`auditIndexedValues`). An empty list selects nothing.
 */
export type AuditEquals = Partial<Record<AuditIndexedField, readonly string[]>>;

/** Which events: one topic, and optionally a realm, equality on indexed fields and a time window. */
export interface AuditSelection {
  topic: AuditTopic;
  /** Only this realm's events, compared exactly (a realm administrator's view). */
  realm?: string;
  /** Only events whose indexed fields have these values. */
  equals?: AuditEquals;
  /** Only events at or after this instant (epoch ms). */
  from?: number;
  /** Only events before this instant (epoch ms). */
  to?: number;
}

/** What to list: a selection, in pages. */
export interface AuditListing extends AuditSelection {
  /** Continue after (older than) this event. */
  before?: AuditPosition;
  /** At most this many (1–1000). */
  limit: number;
}

/** An event read back with its position. */
export interface StoredAuditEvent {
  event: AuditEvent;
  /** The event's time as epoch milliseconds (the listing order). */
  at: number;
}

/** The audit event store. */
export interface AuditStore {
  /** Appends one event; `at` is its time in epoch milliseconds. */
  append(event: AuditEvent, at: number): Promise<void>;
  /** Appends several events at once, all or none (imports, tests). */
  appendMany(events: readonly StoredAuditEvent[]): Promise<void>;
  /** Events newest first (time, then id descending). */
  list(listing: AuditListing): Promise<StoredAuditEvent[]>;
  /** How many events `selection` selects. */
  count(selection: AuditSelection): Promise<number>;
  /** Deletes every event older than `at` (epoch ms); how many went. */
  purgeBefore(at: number): Promise<number>;
}
