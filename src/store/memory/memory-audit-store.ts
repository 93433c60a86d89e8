/**
 * AuditStore in memory, with the SQL store's semantics: events copied in and out, listed newest
 * first (time, then id), selected by topic, realm, indexed field values (case-folded) and time,
 * keyset paging before a position, counted, purged by age. Rows are kept in listing order, so a
 * page walks back from its position instead of sorting every event. Not part of the memory
 * store's transactions: an event stays recorded whatever the request's writes do, as on SQL.
 */
import type { AuditEvent } from '../../audit/audit-event.ts';
import { AUDIT_INDEXED_FIELDS, type AuditIndexedField, auditIndexedValues } from '../../audit/audit-indexed-fields.ts';
import type { AuditSelection, AuditStore, StoredAuditEvent } from '../../audit/audit-store.ts';
import { foldCase } from '../../identity/query-filter/fold-case.ts';
import { fromJsonText, toJsonText } from './json-text.ts';

interface Row {
  at: number;
  id: string;
  topic: string;
  realm: string | undefined;
  indexed: Partial<Record<AuditIndexedField, string>>;
  /** The event as JSON text (never shared with callers). */
  text: string;
}

/** Whether position (a, aId) comes before (b, bId) in time order (oldest first). */
function earlier(a: number, aId: string, b: number, bId: string): boolean {
  return a < b || (a === b && aId < bId);
}

/** How many of `rows` (oldest first) come before the position. */
function countBefore(rows: readonly Row[], at: number, id: string): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const row = rows[middle] as Row;
    if (earlier(row.at, row.id, at, id)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A test of rows against `selection` (its values folded once). */
function selector(selection: AuditSelection): (row: Row) => boolean {
  const equals: [AuditIndexedField, Set<string>][] = [];
  for (const field of AUDIT_INDEXED_FIELDS) {
    const values = selection.equals?.[field];
    if (values !== undefined) equals.push([field, new Set(values.map(foldCase))]);
  }
  const from = selection.from === undefined ? -Infinity : Math.floor(selection.from);
  const to = selection.to === undefined ? Infinity : Math.ceil(selection.to);
  return (row) =>
    row.topic === selection.topic &&
    (selection.realm === undefined || row.realm === selection.realm) &&
    row.at >= from &&
    row.at < to &&
    equals.every(([field, values]) => {
      const value = row.indexed[field];
      return value !== undefined && values.has(value);
    });
}

/** An empty memory audit store. */
export function memoryAuditStore(): AuditStore {
  /** Every event, oldest first (time, then id). */
  let rows: Row[] = [];
  const ids = new Set<string>();

  const rowOf = (event: AuditEvent, at: number): Row => {
    const realm = 'realm' in event && typeof event.realm === 'string' ? event.realm : undefined;
    return { at: Math.floor(at), id: event._id, topic: event.topic, realm, indexed: auditIndexedValues(event), text: toJsonText(event) };
  };
  const insert = (row: Row): void => {
    const last = rows[rows.length - 1];
    if (last === undefined || earlier(last.at, last.id, row.at, row.id)) rows.push(row);
    else rows.splice(countBefore(rows, row.at, row.id), 0, row);
    ids.add(row.id);
  };

  return {
    async append(event, at) {
      if (ids.has(event._id)) throw new Error(`audit event ${event._id} exists`);
      insert(rowOf(event, at));
    },

    async appendMany(events) {
      const fresh = new Set<string>();
      for (const { event } of events) {
        if (ids.has(event._id) || fresh.has(event._id)) throw new Error(`audit event ${event._id} exists`);
        fresh.add(event._id);
      }
      for (const row of events.map(({ event, at }) => rowOf(event, at))) insert(row);
    },

    async list(listing) {
      const selected = selector(listing);
      const limit = Math.max(1, Math.min(1000, listing.limit));
      let index = listing.before === undefined ? rows.length : countBefore(rows, listing.before.at, listing.before.id);
      if (listing.to !== undefined) index = Math.min(index, countBefore(rows, Math.ceil(listing.to), ''));
      const from = listing.from === undefined ? -Infinity : Math.floor(listing.from);
      const found: StoredAuditEvent[] = [];
      for (index -= 1; index >= 0 && found.length < limit; index -= 1) {
        const row = rows[index] as Row;
        if (row.at < from) break;
        if (selected(row)) found.push({ event: fromJsonText(row.text) as AuditEvent, at: row.at });
      }
      return found;
    },

    async count(selection) {
      const selected = selector(selection);
      return rows.reduce((total, row) => (selected(row) ? total + 1 : total), 0);
    },

    async purgeBefore(at) {
      const purged = countBefore(rows, Math.floor(at), '');
      for (const row of rows.slice(0, purged)) ids.delete(row.id);
      rows = rows.slice(purged);
      return purged;
    },
  };
}
