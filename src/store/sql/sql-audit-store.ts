/**
 * AuditStore on SQL (`audit_events`, migrations 0010 and 0011): an append is one INSERT, the
 * indexed fields' case-folded values in columns of their own; a listing selects one topic (and
 * realm, indexed field values, time window) ordered by time then id, newest first, continuing
 * strictly before a position (keyset paging on the `audit_events_by_*` indexes; several values
 * of one field are read one by one and merged); a count is one COUNT over the same selection;
 * the purge is one DELETE by age.
 */
import type { ExpressionBuilder, Insertable, Kysely } from 'kysely';
import type { AuditEvent } from '../../audit/audit-event.ts';
import { AUDIT_INDEXED_FIELDS, type AuditIndexedField, auditIndexedValues } from '../../audit/audit-indexed-fields.ts';
import type { AuditListing, AuditSelection, AuditStore, StoredAuditEvent } from '../../audit/audit-store.ts';
import { compareCodePoints, foldCase } from '../../identity/query-filter/fold-case.ts';
import type { AuditEventsTable, Database } from './database.ts';
import { decodeJsonObject, encodeJson, int64 } from './json-column.ts';

/** The column holding each indexed field's folded value. */
export const AUDIT_INDEXED_COLUMNS = {
  realm: 'realm_key',
  userId: 'user_id',
  userName: 'user_name',
  outcome: 'outcome',
  objectId: 'object_id',
  transactionId: 'transaction_id',
  'actor/userId': 'actor_user_id',
  'actor/username': 'actor_username',
} as const satisfies Record<AuditIndexedField, keyof AuditEventsTable>;

/** A listing with one field of up to this many values is read value by value. */
const MAX_SPLIT_VALUES = 20;
/** Rows per INSERT of `appendMany` (13 parameters each, well under SQLite's and PostgreSQL's limits). */
const INSERT_CHUNK = 500;

/** The row stored for `event`. */
function rowOf(event: AuditEvent, at: number): Insertable<AuditEventsTable> {
  const realm = 'realm' in event && typeof event.realm === 'string' ? event.realm : null;
  const indexed = auditIndexedValues(event);
  return {
    id: event._id,
    topic: event.topic,
    realm,
    at: Math.floor(at),
    event: encodeJson(event),
    realm_key: indexed.realm ?? null,
    user_id: indexed.userId ?? null,
    user_name: indexed.userName ?? null,
    outcome: indexed.outcome ?? null,
    object_id: indexed.objectId ?? null,
    transaction_id: indexed.transactionId ?? null,
    actor_user_id: indexed['actor/userId'] ?? null,
    actor_username: indexed['actor/username'] ?? null,
  };
}

/** The WHERE conditions of `selection`; undefined when it selects nothing (an empty list of values). */
function conditionsOf(eb: ExpressionBuilder<Database, 'audit_events'>, selection: AuditSelection) {
  const conditions = [eb('topic', '=', selection.topic)];
  if (selection.realm !== undefined) conditions.push(eb('realm', '=', selection.realm));
  for (const field of AUDIT_INDEXED_FIELDS) {
    const values = selection.equals?.[field];
    if (values === undefined) continue;
    const folded = [...new Set(values.map(foldCase))];
    const column = AUDIT_INDEXED_COLUMNS[field];
    if (folded.length === 0) return undefined;
    conditions.push(folded.length === 1 ? eb(column, '=', folded[0] ?? '') : eb(column, 'in', folded));
  }
  if (selection.from !== undefined) conditions.push(eb('at', '>=', Math.floor(selection.from)));
  if (selection.to !== undefined) conditions.push(eb('at', '<', Math.ceil(selection.to)));
  return conditions;
}

/** Audit events on `db` (outside any transaction: an event stays recorded whatever the request's writes do). */
export function sqlAuditStore(db: Kysely<Database>): AuditStore {
  const listOne = async (listing: AuditListing): Promise<StoredAuditEvent[]> => {
    const position = listing.before;
    const rows = await db
      .selectFrom('audit_events')
      .select(['event', 'at'])
      .where((eb) => {
        const conditions = conditionsOf(eb, listing);
        if (conditions === undefined) return eb.lit(false);
        if (position !== undefined) conditions.push(eb.or([eb('at', '<', position.at), eb.and([eb('at', '=', position.at), eb('id', '<', position.id)])]));
        return eb.and(conditions);
      })
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(Math.max(1, Math.min(1000, listing.limit)))
      .execute();
    return rows.map((row): StoredAuditEvent => ({ event: decodeJsonObject(row.event) as unknown as AuditEvent, at: int64(row.at) }));
  };

  return {
    async append(event, at) {
      await db.insertInto('audit_events').values(rowOf(event, at)).execute();
    },

    async appendMany(events) {
      if (events.length === 0) return;
      await db.transaction().execute(async (trx) => {
        for (let start = 0; start < events.length; start += INSERT_CHUNK) {
          await trx
            .insertInto('audit_events')
            .values(events.slice(start, start + INSERT_CHUNK).map(({ event, at }) => rowOf(event, at)))
            .execute();
        }
      });
    },

    async list(listing) {
      // One field with several values: one ordered index read per value, merged (the sets are
      // disjoint: an event has one value of a field), instead of a sort of every match or a walk
      // of the topic's whole time index, which is what the planners pick for `IN` (SQLite has no statistics).
      const split = AUDIT_INDEXED_FIELDS.find((field) => {
        const count = new Set(listing.equals?.[field]?.map(foldCase)).size;
        return count > 1 && count <= MAX_SPLIT_VALUES;
      });
      if (split === undefined) return listOne(listing);
      const values = [...new Set(listing.equals?.[split]?.map(foldCase))];
      const found: StoredAuditEvent[] = [];
      // One after the other: a listing never holds more than one connection of the pool.
      for (const value of values) found.push(...(await listOne({ ...listing, equals: { ...listing.equals, [split]: [value] } })));
      return found
        .sort((a, b) => (a.at !== b.at ? b.at - a.at : compareCodePoints(b.event._id, a.event._id)))
        .slice(0, Math.max(1, Math.min(1000, listing.limit)));
    },

    async count(selection) {
      const row = await db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll().as('total'))
        .where((eb) => {
          const conditions = conditionsOf(eb, selection);
          return conditions === undefined ? eb.lit(false) : eb.and(conditions);
        })
        .executeTakeFirstOrThrow();
      return int64(row.total);
    },

    async purgeBefore(at) {
      const result = await db.deleteFrom('audit_events').where('at', '<', Math.floor(at)).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
